import Redis from 'ioredis';
import { value } from './support/prometheus-text';
import { RedisServer } from './support/redis-server';
import { createTestApp, TestApp } from './support/test-app';

describe('the provider cache in a real redis-server', () => {
  const redis = new RedisServer();
  let t: TestApp;
  let client: Redis;

  beforeAll(async () => {
    await redis.start();
    client = new Redis(redis.url);
    t = await createTestApp({ env: { REDIS_URL: redis.url, PROVIDER_CACHE_TTL_MS: '30000' } });
  });
  afterAll(async () => {
    await t.close();
    client.disconnect();
    await redis.stop();
  });

  it('stores provider answers with their TTL and serves the next call from Redis', async () => {
    const before = await t.scrape();
    const first = await (await t.get('/api/market/bars/AAPL?limit=3')).json();
    const second = await (await t.get('/api/market/bars/AAPL?limit=3')).json();
    expect(second).toEqual(first);
    const after = await t.scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    expect(delta('redis_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(delta('redis_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(delta('redis_latency_seconds_count', { operation: 'get', outcome: 'success' })).toBe(2);
    expect(delta('redis_latency_seconds_count', { operation: 'set', outcome: 'success' })).toBe(1);
    expect(
      delta('provider_api_calls_total', { provider: 'market_simulated', endpoint: 'bars' }),
    ).toBe(1);
    expect(value(after, 'redis_cache_hit_rate')).toBeGreaterThan(0);
    const ttl = await client.pttl('tradewatch:cache:market:bars:AAPL:3');
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('keeps answering from the provider when Redis goes away, and says so', async () => {
    await redis.stop();
    const before = await t.scrape();
    const response = await t.get('/api/market/quote/MSFT');
    expect(response.status).toBe(200);
    const after = await t.scrape();
    expect(
      value(after, 'redis_cache_requests_total', { result: 'error' }) -
        value(before, 'redis_cache_requests_total', { result: 'error' }),
    ).toBe(1);
    expect(value(after, 'health_indicator_status', { indicator: 'redis' })).toBe(0);
    expect((await t.get('/health/ready', { auth: false })).status).toBe(200);
  });
});

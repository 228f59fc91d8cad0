import { FakeVendor } from './support/fake-vendor';
import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

/** Market data from an HTTP vendor (a real loopback server standing in for it). */
describe('an HTTP market-data vendor that fails, rate-limits and recovers', () => {
  const vendor = new FakeVendor();
  let t: TestApp;
  const provider = { provider: 'market_http' };

  beforeAll(async () => {
    const baseUrl = await vendor.start();
    t = await createTestApp({
      env: {
        MARKET_DATA_PROVIDER: 'http',
        VENDOR_BASE_URL: `${baseUrl}/v1`,
        VENDOR_API_KEY: 'vendor-secret-key',
        VENDOR_TIMEOUT_MS: '500',
        PROVIDER_CACHE_TTL_MS: '0',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await vendor.stop();
  });

  it('serves quotes from the vendor', async () => {
    vendor.json(200, { bid: 99.5, ask: 100.5, last: 100, time: new Date().toISOString() });
    const response = await t.get('/api/market/quote/AAPL');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      symbol: 'AAPL',
      bid: 99.5,
      ask: 100.5,
      last: 100,
    });
    expect(vendor.requests.at(-1)).toBe('/v1/quotes/AAPL');
  });

  it('answers 503 while the vendor fails, and shows it in metrics and /health', async () => {
    const before = await t.scrape();
    vendor.json(500, { error: 'down' });
    const response = await t.get('/api/market/quote/AAPL');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { message: string };
    expect(body.message).toBe('the market_http provider is unavailable (server_error)');
    expect(JSON.stringify(body)).not.toContain('vendor-secret-key');
    const after = await t.scrape();
    const errors = { ...provider, error_type: 'server_error' };
    expect(
      value(after, 'provider_api_errors_total', errors) -
        value(before, 'provider_api_errors_total', errors),
    ).toBe(1);
    expect(value(after, 'provider_available', provider)).toBe(0);
    expect(value(after, 'health_indicator_status', { indicator: 'market_data' })).toBe(0);
    const health = await t.get('/health', { auth: false });
    expect(health.status).toBe(503);
    expect(((await health.json()) as { error: Record<string, unknown> }).error).toHaveProperty(
      'market_data',
    );
    expect((await t.get('/health/ready', { auth: false })).status).toBe(200);
  });

  it('counts rate-limit answers and recovers when the vendor does', async () => {
    const before = await t.scrape();
    vendor.json(429, { error: 'slow down' }, { 'retry-after': '0' });
    expect((await t.get('/api/market/bars/MSFT?limit=5')).status).toBe(503);
    const limited = await t.scrape();
    expect(
      value(limited, 'provider_rate_limit_hits_total', provider) -
        value(before, 'provider_rate_limit_hits_total', provider),
    ).toBe(3);
    const rateLimited = { ...provider, error_type: 'rate_limited' };
    expect(
      value(limited, 'provider_api_errors_total', rateLimited) -
        value(before, 'provider_api_errors_total', rateLimited),
    ).toBe(1);

    const barTime = new Date(Date.now() - 120_000).toISOString();
    vendor.json(200, {
      bars: [{ time: barTime, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }],
    });
    expect((await t.get('/api/market/bars/MSFT?limit=1')).status).toBe(200);
    const recovered = await t.scrape();
    expect(value(recovered, 'provider_available', provider)).toBe(1);
    expect(value(recovered, 'provider_data_freshness_seconds', provider)).toBeGreaterThanOrEqual(
      59,
    );
    expect((await t.get('/health', { auth: false })).status).toBe(200);
  });

  it('times out a vendor that does not answer', async () => {
    vendor.handler = () => undefined;
    const before = await t.scrape();
    const startedAt = Date.now();
    expect((await t.get('/api/market/quote/AAPL')).status).toBe(503);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    const errors = { ...provider, error_type: 'timeout' };
    expect(
      value(await t.scrape(), 'provider_api_errors_total', errors) -
        value(before, 'provider_api_errors_total', errors),
    ).toBe(1);
  });

  it('reports a malformed vendor answer as invalid_response', async () => {
    vendor.json(200, { bid: 'lots' });
    const before = await t.scrape();
    expect((await t.get('/api/market/quote/AAPL')).status).toBe(503);
    const errors = { ...provider, error_type: 'invalid_response' };
    expect(
      value(await t.scrape(), 'provider_api_errors_total', errors) -
        value(before, 'provider_api_errors_total', errors),
    ).toBe(1);
  });
});

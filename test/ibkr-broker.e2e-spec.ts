import { freePort } from '../src/database/embedded-postgres';
import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

/** BROKER=ibkr with no TWS listening: the app still serves, says so, and rejects orders cleanly. */
describe('BROKER=ibkr while TWS is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BROKER: 'ibkr', IBKR_PORT: String(await freePort()) } });
  });
  afterAll(() => t.close());

  it('reports the broker down in /health and its gauge, but stays ready to serve', async () => {
    const health = await t.get('/health', { auth: false });
    expect(health.status).toBe(503);
    expect(((await health.json()) as { error: Record<string, unknown> }).error).toHaveProperty(
      'broker',
    );
    expect(value(await t.scrape(), 'health_indicator_status', { indicator: 'broker' })).toBe(0);
    expect((await t.get('/health/ready', { auth: false })).status).toBe(200);
  });

  it('rejects an order with broker_unavailable instead of failing the request', async () => {
    const response = await t.get('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      status: 'rejected',
      reason: 'broker_unavailable',
      broker: 'ibkr',
    });
  });
});

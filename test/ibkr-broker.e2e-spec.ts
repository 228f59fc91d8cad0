import { freePort } from '../src/database/embedded-postgres';
import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

/** BROKER=ibkr with no TWS listening: the app still serves, says so, and refuses orders cleanly. */
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

  it('refuses an order with a clear 503 while disconnected, writing nothing', async () => {
    const before = ((await (await t.get('/api/orders?limit=100')).json()) as unknown[]).length;
    const response = await t.get('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' }),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: 'Service Unavailable',
      message:
        'the broker (ibkr) is not connected: the order was not taken; try again once it reconnects',
    });
    expect(((await (await t.get('/api/orders?limit=100')).json()) as unknown[]).length).toBe(
      before,
    );
  });

  it('pauses the trading loop and says why in metrics', async () => {
    const before = await t.scrape();
    const cycle = await t.get('/api/trading/cycle', { method: 'POST' });
    expect(cycle.status).toBe(503);
    expect(((await cycle.json()) as { message: string }).message).toBe(
      'the trading loop is paused: broker disconnected',
    );
    const after = await t.scrape();
    expect(value(after, 'trading_loop_paused', { reason: 'broker_disconnected' })).toBe(1);
    expect(value(after, 'trading_loop_paused', { reason: 'database_unavailable' })).toBe(0);
    const paused = { trigger: 'manual', outcome: 'paused' };
    expect(
      value(after, 'trading_cycles_total', paused) - value(before, 'trading_cycles_total', paused),
    ).toBe(1);
  });
});

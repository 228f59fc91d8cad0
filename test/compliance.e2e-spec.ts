import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

type Order = { id: string; status: string; reason: string | null };

async function orderer(t: TestApp) {
  return async (symbol: string, side: 'buy' | 'sell', quantity: number): Promise<Order> => {
    const response = await t.get('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol, side, quantity, type: 'market' }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Order;
  };
}

const ENV = { PROVIDER_CACHE_TTL_MS: '0', PAPER_SLIPPAGE_MODEL: 'none' };

describe('a cash account: T+1 settlement and good-faith violations (injected clock)', () => {
  // Monday 2 March 2026, 10:00 in New York
  const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
  let t: TestApp;
  let order: Awaited<ReturnType<typeof orderer>>;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...ENV, INITIAL_CASH: '3000', ACCOUNT_TYPE: 'cash' } });
    order = await orderer(t);
  });
  afterAll(() => t.close());

  it('denies selling, before settlement, what unsettled proceeds bought — and allows it once they settle', async () => {
    expect((await order('AAPL', 'buy', 12)).status).toBe('filled');
    expect((await order('AAPL', 'sell', 12)).status).toBe('filled');
    const [ledger] = await t.app
      .get(DataSource)
      .query("SELECT settles_at FROM cash_ledger WHERE kind = 'sell' ORDER BY id DESC LIMIT 1");
    expect(new Date(ledger.settles_at).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect((await order('MSFT', 'buy', 5)).status).toBe('filled');

    const before = await t.scrape();
    const early = await order('MSFT', 'sell', 5);
    expect(early).toMatchObject({ status: 'denied', reason: 'good_faith_violation' });
    const events = (await (await t.get('/api/compliance/events')).json()) as Array<{
      rule: string;
      orderId: string;
    }>;
    expect(events[0]).toMatchObject({ rule: 'cash_account', orderId: early.id });
    const after = await t.scrape();
    const rejected = { reason: 'good_faith_violation' };
    expect(
      value(after, 'trades_rejected_total', rejected) -
        value(before, 'trades_rejected_total', rejected),
    ).toBe(1);

    clock.set(new Date('2026-03-03T15:00:00Z'));
    expect((await order('MSFT', 'sell', 5)).status).toBe('filled');
  });
});

describe('a margin account under $25k: the pattern-day-trader rule, then FINRA 2026 intraday margin', () => {
  const clock = new ManualClock(new Date('2026-03-04T15:00:00Z'));
  let t: TestApp;
  let order: Awaited<ReturnType<typeof orderer>>;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { ...ENV, INITIAL_CASH: '20000', ACCOUNT_TYPE: 'margin' },
    });
    order = await orderer(t);
  });
  afterAll(() => t.close());

  it('allows three day trades, denies the opening trade of a fourth, and counts the avoidance', async () => {
    for (const symbol of ['AAPL', 'MSFT', 'NVDA']) {
      expect((await order(symbol, 'buy', 1)).status).toBe('filled');
      expect((await order(symbol, 'sell', 1)).status).toBe('filled');
    }
    const before = await t.scrape();
    const fourth = await order('SPY', 'buy', 1);
    expect(fourth).toMatchObject({ status: 'denied', reason: 'pdt_limit' });
    const after = await t.scrape();
    expect(
      value(after, 'pdt_avoidance_events_total', { rule: 'finra_4210_pdt' }) -
        value(before, 'pdt_avoidance_events_total', { rule: 'finra_4210_pdt' }),
    ).toBe(1);
    const [event] = (await (await t.get('/api/compliance/events?limit=1')).json()) as Array<{
      type: string;
      rule: string;
    }>;
    expect(event).toMatchObject({ type: 'pdt_avoided', rule: 'pdt' });
  });

  it('no longer counts day trades once the intraday-margin policy is in effect (4 June 2026)', async () => {
    clock.set(new Date('2026-06-10T15:00:00Z'));
    for (const symbol of ['AAPL', 'MSFT', 'NVDA', 'SPY']) {
      expect((await order(symbol, 'buy', 1)).status).toBe('filled');
      expect((await order(symbol, 'sell', 1)).status).toBe('filled');
    }
  });
});

describe('past the end of the holiday table', () => {
  it('denies orders with a clear reason instead of failing the request', async () => {
    const t = await createTestApp({
      clock: new ManualClock(new Date('2029-03-06T15:00:00Z')),
      env: ENV,
    });
    try {
      const order = await (await orderer(t))('AAPL', 'buy', 1);
      expect(order).toMatchObject({ status: 'denied', reason: 'compliance_unavailable' });
    } finally {
      await t.close();
    }
  });
});

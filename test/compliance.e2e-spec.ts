import Decimal from 'decimal.js';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { FillEntity } from '../src/execution/fill.entity';
import {
  checkCashAccountOrder,
  replayCashAccount,
} from '../src/risk/compliance/cash-account-rules';
import { toExecution } from '../src/risk/compliance/compliance-store';
import type { ProposedOrder } from '../src/risk/compliance/compliance.interface';
import { ComplianceIntent, ComplianceService } from '../src/risk/compliance/compliance.service';
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

describe('the compliance replay: a rolled-back fill, concurrent fills, a restart', () => {
  // Monday 9 March 2026, 10:00 in New York
  const clock = new ManualClock(new Date('2026-03-09T15:00:00Z'));
  const env = { ...ENV, INITIAL_CASH: '3000', ACCOUNT_TYPE: 'cash' };
  let t: TestApp;
  let order: Awaited<ReturnType<typeof orderer>>;

  beforeAll(async () => {
    t = await createTestApp({ clock, env });
    order = await orderer(t);
  });
  afterAll(() => t.close());

  /** The service's answers against a replay, from scratch, of every fill in the table. */
  async function expectAnswersOfTheFillsTable(): Promise<void> {
    const dataSource = t.app.get(DataSource);
    const rows = (await dataSource.query(
      'SELECT id, symbol, side, quantity, price, fee, executed_at FROM fills',
    )) as Array<Parameters<typeof toExecution>[0] & { executed_at: Date }>;
    const history = {
      openingSettledCash: env.INITIAL_CASH,
      executions: rows.map((row) => toExecution({ ...row, executedAt: row.executed_at })),
    };
    const at = clock.now();
    const funds = replayCashAccount(history, at);
    const budget = new Decimal(funds.settledFundsAvailable).plus(funds.unsettledFundsAvailable);
    const intents: ComplianceIntent[] = [
      ...[budget.minus('0.01'), budget.plus('0.01')].map((price) => ({
        symbol: 'SPY',
        side: 'buy' as const,
        quantity: new Decimal(1),
        price,
      })),
      ...['AAPL', 'NVDA', 'TSLA'].map((symbol) => ({
        symbol,
        side: 'sell' as const,
        quantity: new Decimal(1),
        price: new Decimal(100),
      })),
    ];
    const figures = () => Promise.resolve({ equity: '0', grossPositionValue: '0' });
    const reasons = [];
    for (const intent of intents) {
      const proposed: ProposedOrder = {
        ...intent,
        quantity: intent.quantity.toString(),
        price: intent.price.toString(),
        at,
      };
      const expected = checkCashAccountOrder(proposed, history);
      const denial = await t.app.get(ComplianceService).check(intent, figures, dataSource.manager);
      expect(denial?.message).toBe(expected.allowed ? undefined : expected.message);
      reasons.push(denial?.reason ?? 'allowed');
    }
    // the probes straddle what the account can buy
    expect(reasons.slice(0, 2)).toEqual(['allowed', 'free_riding']);
  }

  it('forgets a fill whose transaction rolled back', async () => {
    const first = await order('AAPL', 'buy', 1);
    expect(first.status).toBe('filled');
    const dataSource = t.app.get(DataSource);
    await expect(
      dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `INSERT INTO fills (order_id, broker_fill_id, symbol, side, quantity, price, fee, slippage, executed_at)
           VALUES ($1, 'rolled-back', 'TSLA', 'buy', 25, 100, 0, 0, $2) RETURNING *`,
          [first.id, clock.now()],
        )) as Array<Record<string, unknown>>;
        const fill = manager.create(FillEntity, {
          ...row,
          orderId: first.id,
          executedAt: clock.now(),
        });
        await t.app.get(ComplianceService).afterFill(fill, manager);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // 2,500 of purchases that never happened would leave too little for this one (free riding)
    expect((await order('NVDA', 'buy', 15)).status).toBe('filled');
    await expectAnswersOfTheFillsTable();
  });

  it('answers as a replay of the fills table after fills committed concurrently', async () => {
    const orders = await Promise.all([
      order('AAPL', 'buy', 1),
      order('NVDA', 'sell', 3),
      order('TSLA', 'buy', 1),
      order('NVDA', 'sell', 4),
      order('AAPL', 'buy', 1),
      order('NVDA', 'sell', 2),
    ]);
    // about 1,000 of cash is left for the purchases, whatever the sales
    expect(orders.map((placed) => placed.status)).toEqual(Array(6).fill('filled'));
    clock.set(new Date('2026-03-09T17:00:00Z'));
    await expectAnswersOfTheFillsTable();
  });

  it('resumes after a restart from the snapshot stored at shutdown, with the same answers', async () => {
    const { databaseUrl } = t;
    await t.close();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ seq: string; snapshot: { fromSeq: number } }>(
        "SELECT seq, snapshot FROM compliance_snapshots WHERE account_kind = 'cash'",
      );
      const [{ logged }] = (
        await client.query<{ logged: string }>('SELECT max(seq) AS logged FROM compliance_fill_log')
      ).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0].seq).toBe(logged);
    } finally {
      await client.end();
    }
    t = await createTestApp({ clock, env, databaseUrl });
    order = await orderer(t);
    await expectAnswersOfTheFillsTable();
    clock.set(new Date('2026-03-10T15:00:00Z'));
    expect((await order('TSLA', 'sell', 1)).status).toBe('filled');
    await expectAnswersOfTheFillsTable();
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

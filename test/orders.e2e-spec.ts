import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { labelValues, value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

type Order = {
  id: string;
  status: string;
  filledQuantity: string;
  reason: string | null;
  averageFillPrice: string;
};

describe('orders, the paper broker, the portfolio and risk', () => {
  let t: TestApp;
  let db: DataSource;
  const post = (path: string, body: unknown) =>
    t.get(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const count = async (table: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const cash = async () =>
    new Decimal((await db.query("SELECT cash FROM account WHERE id = 'main'"))[0].cash);

  beforeAll(async () => {
    t = await createTestApp({
      env: { PROVIDER_CACHE_TTL_MS: '0', PAPER_SLIPPAGE_MODEL: 'fixed_bps' },
    });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('fills a market buy, journals every state change, and moves cash, position and metrics exactly', async () => {
    const before = await t.scrape();
    const cashBefore = await cash();
    const response = await post('/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10,
      type: 'market',
    });
    expect(response.status).toBe(201);
    const order = (await response.json()) as Order;
    expect(order).toMatchObject({ status: 'filled', filledQuantity: '10', reason: null });

    const detail = (await (await t.get(`/api/orders/${order.id}`)).json()) as {
      events: Array<{ toStatus: string }>;
      fills: Array<{ quantity: string; price: string; fee: string }>;
    };
    expect(detail.events.map((e) => e.toStatus)).toEqual([
      'initialized',
      'submitted',
      'accepted',
      'filled',
    ]);
    expect(detail.fills).toHaveLength(1);
    const [fill] = detail.fills;
    const cost = new Decimal(fill.quantity).times(fill.price).plus(fill.fee);
    expect((await cash()).toFixed(2)).toBe(cashBefore.minus(cost).toFixed(2));
    const [ledger] = await db.query(
      "SELECT sum(amount) AS total, count(*) FILTER (WHERE kind = 'deposit') AS deposits FROM cash_ledger",
    );
    expect({
      total: new Decimal(ledger.total).toFixed(2),
      deposits: Number(ledger.deposits),
    }).toEqual({ total: (await cash()).toFixed(2), deposits: 1 });
    const [position] = await db.query(
      "SELECT quantity, average_cost FROM positions WHERE symbol = 'AAPL'",
    );
    expect(new Decimal(position.quantity).toString()).toBe('10');
    expect(new Decimal(position.average_cost).toFixed(4)).toBe(cost.div(10).toFixed(4));

    const after = await t.scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);
    expect(delta('orders_submitted_total', { side: 'buy', type: 'market' })).toBe(1);
    expect(
      delta('trades_executed_total', { strategy: 'manual', symbol: 'AAPL', side: 'buy' }),
    ).toBe(1);
    expect(delta('order_status_changes_total', { status: 'filled' })).toBe(1);
    expect(delta('slippage_amount_count', { symbol: 'AAPL' })).toBe(1);
    expect(delta('order_fill_duration_seconds_count')).toBe(1);
    expect(delta('trade_execution_duration_seconds_count')).toBe(1);
    expect(
      delta('broker_request_duration_seconds_count', {
        broker: 'paper',
        operation: 'submit',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(value(after, 'portfolio_open_positions')).toBe(1);
    const portfolio = (await (await t.get('/api/portfolio')).json()) as {
      cash: string;
      positionsValue: string;
      equity: string;
    };
    expect(new Decimal(portfolio.cash).plus(portfolio.positionsValue).toFixed(2)).toBe(
      portfolio.equity,
    );
  });

  it('makes one order from 20 concurrent submits with one clientOrderId', async () => {
    const before = await count('orders');
    const body = {
      clientOrderId: 'retry-me-1',
      symbol: 'MSFT',
      side: 'buy',
      quantity: 2,
      type: 'market',
    };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/orders', body)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as Order).id)),
    );
    expect(ids.size).toBe(1);
    expect(await count('orders')).toBe(before + 1);
    expect(
      await db.query(
        "SELECT count(*)::int AS n FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.client_order_id = 'retry-me-1'",
      ),
    ).toEqual([{ n: 1 }]);
    const conflict = await post('/api/orders', { ...body, quantity: 3 });
    expect(conflict.status).toBe(409);
    expect(await count('orders')).toBe(before + 1);
  });

  it.each([
    [{ side: 'buy', quantity: -5, type: 'market' }, 'quantity must be at least 1'],
    [{ side: 'buy', quantity: 0, type: 'market' }, 'quantity must be at least 1'],
    [{ side: 'buy', quantity: 1.5, type: 'market' }, 'quantity must be a whole number of shares'],
    [{ side: 'buy', quantity: '10', type: 'market' }, 'quantity must be a whole number of shares'],
    [{ side: 'buy', quantity: 1e12, type: 'market' }, 'quantity must be at most 1000000'],
    [{ side: 'buy', quantity: 1, type: 'limit' }, 'limitPrice is required for limit orders'],
    [
      { side: 'buy', quantity: 1, type: 'market', limitPrice: 10 },
      'limitPrice is only allowed for limit orders',
    ],
    [{ side: 'buy', quantity: 1, type: 'limit', limitPrice: -3 }, 'limitPrice must be positive'],
    [
      { side: 'buy', quantity: 1, type: 'limit', limitPrice: 1.23456 },
      'limitPrice must be a price with at most 4 decimals',
    ],
    [{ side: 'hold', quantity: 1, type: 'market' }, 'side must be one of buy, sell'],
    [{ side: 'buy', quantity: 1, type: 'stop' }, 'type must be one of market, limit'],
    [
      { side: 'buy', quantity: 1, type: 'market', leverage: 100 },
      'property leverage should not exist',
    ],
    [
      { side: 'buy', quantity: 1, type: 'market', clientOrderId: 'a b' },
      'clientOrderId must be 1-64',
    ],
  ])('refuses %j with a 400 naming the problem, writing nothing', async (fields, message) => {
    const before = [await count('orders'), await count('order_events')];
    const scrape = await t.scrape();
    const response = await post('/api/orders', { symbol: 'AAPL', ...fields });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(message);
    expect([await count('orders'), await count('order_events')]).toEqual(before);
    expect(value(await t.scrape(), 'orders_submitted_total', { side: 'buy', type: 'market' })).toBe(
      value(scrape, 'orders_submitted_total', { side: 'buy', type: 'market' }),
    );
  });

  it('refuses NaN (not JSON) with a 400 and a non-JSON body with a 415, writing nothing', async () => {
    const before = await count('orders');
    for (const [type, body, status] of [
      ['application/json', '{"symbol":"AAPL","side":"buy","quantity":NaN,"type":"market"}', 400],
      ['text/plain', 'buy 10 AAPL', 415],
    ] as const) {
      const response = await t.get('/api/orders', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect(response.status).toBe(status);
    }
    expect(await count('orders')).toBe(before);
  });

  it('answers 404 for an unknown symbol or strategy and writes nothing', async () => {
    const before = await count('orders');
    expect(
      (await post('/api/orders', { symbol: 'ZZZZ', side: 'buy', quantity: 1, type: 'market' }))
        .status,
    ).toBe(404);
    expect(
      (
        await post('/api/orders', {
          symbol: 'AAPL',
          side: 'buy',
          quantity: 1,
          type: 'market',
          strategy: 'nope',
        })
      ).status,
    ).toBe(404);
    expect((await t.get('/api/orders/999999999')).status).toBe(404);
    expect((await t.get('/api/orders/not-a-number')).status).toBe(404);
    expect(await count('orders')).toBe(before);
  });

  it('denies a sell beyond the position with a typed reason, as a row and a metric', async () => {
    const before = await t.scrape();
    const response = await post('/api/orders', {
      symbol: 'NVDA',
      side: 'sell',
      quantity: 5,
      type: 'market',
    });
    expect(response.status).toBe(201);
    const order = (await response.json()) as Order;
    expect(order).toMatchObject({ status: 'denied', reason: 'insufficient_position' });
    const [event] = await db.query('SELECT reason, message FROM risk_events WHERE order_id = $1', [
      order.id,
    ]);
    expect(event).toEqual({
      reason: 'insufficient_position',
      message: 'cannot sell 5 NVDA: the position is 0',
    });
    const after = await t.scrape();
    expect(
      value(after, 'trades_rejected_total', { reason: 'insufficient_position' }) -
        value(before, 'trades_rejected_total', { reason: 'insufficient_position' }),
    ).toBe(1);
    expect(
      value(after, 'risk_limit_hits_total', { limit: 'insufficient_position' }) -
        value(before, 'risk_limit_hits_total', { limit: 'insufficient_position' }),
    ).toBe(1);
  });

  it('denies an order over the notional limit', async () => {
    const order = (await (
      await post('/api/orders', { symbol: 'SPY', side: 'buy', quantity: 1000, type: 'market' })
    ).json()) as Order;
    expect(order).toMatchObject({ status: 'denied', reason: 'max_order_notional' });
  });

  it('rests a limit order below the market and cancels it once', async () => {
    const order = (await (
      await post('/api/orders', {
        symbol: 'TSLA',
        side: 'buy',
        quantity: 1,
        type: 'limit',
        limitPrice: 1,
      })
    ).json()) as Order;
    expect(order.status).toBe('accepted');
    const canceled = await t.get(`/api/orders/${order.id}`, { method: 'DELETE' });
    expect(canceled.status).toBe(200);
    expect(((await canceled.json()) as Order).status).toBe('canceled');
    expect((await t.get(`/api/orders/${order.id}`, { method: 'DELETE' })).status).toBe(409);
  });

  it('halts and resumes trading, denying orders while halted', async () => {
    expect((await post('/api/trading/halt', { reason: 'test' })).status).toBe(200);
    expect(value(await t.scrape(), 'trading_state', { state: 'halted' })).toBe(1);
    const denied = (await (
      await post('/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(denied).toMatchObject({ status: 'denied', reason: 'trading_halted' });
    expect((await post('/api/trading/resume', {})).status).toBe(200);
    const risk = (await (await t.get('/api/risk')).json()) as { tradingState: string };
    expect(risk.tradingState).toBe('active');
  });

  it('records a round trip as a closed trade and trips the kill switch at the daily loss limit', async () => {
    const before = await t.scrape();
    expect(value(before, 'risk_limit', { limit: 'daily_loss_limit' })).toBe(2000);
    expect(value(before, 'risk_limit', { limit: 'max_open_positions' })).toBe(10);
    expect(
      (
        await t.get('/api/risk/limits', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ dailyLossLimit: 1 }),
        })
      ).status,
    ).toBe(200);
    const limits = await t.scrape();
    expect(value(limits, 'risk_limit', { limit: 'daily_loss_limit' })).toBe(1);
    expect(value(limits, 'risk_limit', { limit: 'max_order_notional' })).toBe(25_000);
    const buy = (await (
      await post('/api/orders', { symbol: 'SPY', side: 'buy', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(buy).toMatchObject({ status: 'filled', reason: null });
    const sell = (await (
      await post('/api/orders', { symbol: 'SPY', side: 'sell', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(sell).toMatchObject({ status: 'filled', reason: null });
    const [trade] = await db.query("SELECT realized_pnl FROM closed_trades WHERE symbol = 'SPY'");
    expect(Number(trade.realized_pnl)).toBeLessThanOrEqual(-2);
    const next = (await (
      await post('/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(next).toMatchObject({ status: 'denied', reason: 'daily_loss_limit' });
    expect(
      ((await (await t.get('/api/risk')).json()) as { tradingState: string }).tradingState,
    ).toBe('reducing');
    const exit = (await (
      await post('/api/orders', { symbol: 'AAPL', side: 'sell', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(exit.status).toBe('filled');
  });

  it('admits concurrent sells of the same shares only up to the position, the rest denied (no 5xx)', async () => {
    // after the kill-switch test: trade again, with room for the paper broker's spread losses
    await t.get('/api/risk/limits', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dailyLossLimit: 1_000_000 }),
    });
    expect((await post('/api/trading/resume', {})).status).toBe(200);
    const buy = (await (
      await post('/api/orders', { symbol: 'NVDA', side: 'buy', quantity: 3, type: 'market' })
    ).json()) as Order;
    expect(buy.status).toBe('filled');
    const sells = await Promise.all(
      Array.from({ length: 6 }, () =>
        post('/api/orders', { symbol: 'NVDA', side: 'sell', quantity: 1, type: 'market' }),
      ),
    );
    expect(sells.map((response) => response.status)).toEqual(Array(6).fill(201));
    const orders = (await Promise.all(sells.map((r) => r.json()))) as Order[];
    const outcome = (status: string) => orders.filter((order) => order.status === status);
    expect(outcome('filled')).toHaveLength(3);
    expect(outcome('denied').map((order) => order.reason)).toEqual(
      Array(3).fill('insufficient_position'),
    );
    const [position] = await db.query("SELECT quantity FROM positions WHERE symbol = 'NVDA'");
    expect(Number(position.quantity)).toBe(0);
    expect(labelValues(await t.scrape(), 'exceptions_total', 'type')).toEqual(new Set());
  });

  it('counts shares an open order is selling, and cash an open order will spend, as taken', async () => {
    await post('/api/orders', { symbol: 'NVDA', side: 'buy', quantity: 2, type: 'market' });
    const resting = (await (
      await post('/api/orders', {
        symbol: 'NVDA',
        side: 'sell',
        quantity: 2,
        type: 'limit',
        limitPrice: 100_000,
      })
    ).json()) as Order;
    expect(resting.status).toBe('accepted');
    const sell = (await (
      await post('/api/orders', { symbol: 'NVDA', side: 'sell', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(sell).toMatchObject({ status: 'denied', reason: 'insufficient_position' });
    const [event] = await db.query('SELECT message FROM risk_events WHERE order_id = $1', [
      sell.id,
    ]);
    expect(event.message).toBe(
      'cannot sell 1 NVDA: the position is 2, of which 2 is already being sold by open orders',
    );
    expect((await t.get(`/api/orders/${resting.id}`, { method: 'DELETE' })).status).toBe(200);
    const after = (await (
      await post('/api/orders', { symbol: 'NVDA', side: 'sell', quantity: 2, type: 'market' })
    ).json()) as Order;
    expect(after.status).toBe('filled');
  });

  it('counts a symbol an open buy order is opening as an open position', async () => {
    const held = (await db.query('SELECT symbol FROM positions WHERE quantity > 0')) as Array<{
      symbol: string;
    }>;
    const [opening, next] = ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'].filter(
      (symbol) => !held.some((position) => position.symbol === symbol),
    );
    expect(next).toBeDefined();
    const limits = async (maxOpenPositions: number) =>
      expect(
        (
          await t.get('/api/risk/limits', {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ maxOpenPositions }),
          })
        ).status,
      ).toBe(200);
    await limits(held.length + 1);
    const restingBuy = async () =>
      (await (
        await post('/api/orders', {
          symbol: opening,
          side: 'buy',
          quantity: 1,
          type: 'limit',
          limitPrice: 1,
        })
      ).json()) as Order;
    const resting = await restingBuy();
    expect(resting.status).toBe('accepted');
    const denied = (await (
      await post('/api/orders', { symbol: next, side: 'buy', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(denied).toMatchObject({ status: 'denied', reason: 'max_open_positions' });
    const [event] = await db.query('SELECT message FROM risk_events WHERE order_id = $1', [
      denied.id,
    ]);
    expect(event.message).toBe(
      `already ${held.length} open positions and 1 more being opened by open buy orders (the limit is ${held.length + 1})`,
    );
    const another = await restingBuy();
    expect(another.status).toBe('accepted');
    for (const order of [resting, another])
      expect((await t.get(`/api/orders/${order.id}`, { method: 'DELETE' })).status).toBe(200);
    const filled = (await (
      await post('/api/orders', { symbol: next, side: 'buy', quantity: 1, type: 'market' })
    ).json()) as Order;
    expect(filled.status).toBe('filled');
    await limits(10);
  });
});

import { DataSource } from 'typeorm';
import { FakeVendor } from './support/fake-vendor';
import { TrendingMarket } from './support/trending-market';
import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'];

describe('the trading cycle, end to end: market data → strategies → decision → risk → order → fill', () => {
  const vendor = new FakeVendor();
  const market = new TrendingMarket();
  let t: TestApp;
  let db: DataSource;
  const post = (path: string) => t.get(path, { method: 'POST' });
  const count = async (sql: string) => Number((await db.query(sql))[0].n);

  beforeAll(async () => {
    const url = await vendor.start();
    vendor.handler = market.serve;
    t = await createTestApp({
      env: {
        MARKET_DATA_PROVIDER: 'http',
        VENDOR_BASE_URL: `${url}/v1`,
        PROVIDER_CACHE_TTL_MS: '0',
        STRATEGIES: 'sma-crossover,breakout',
        DECISION_THRESHOLD: '0.05',
        PAPER_SLIPPAGE_MODEL: 'none',
      },
    });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await vendor.stop();
  });

  it('buys every symbol once, sized by confidence, moving every metric by exactly the expected amount', async () => {
    const before = await t.scrape();
    const response = await post('/api/trading/cycle');
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      status: string;
      symbols: Array<{ symbol: string; action: string }>;
    };
    expect(report.status).toBe('completed');
    expect(report.symbols.map((s) => [s.symbol, s.action])).toEqual(
      SYMBOLS.map((symbol) => [symbol, 'bought']),
    );
    const after = await t.scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);
    expect(delta('trading_cycles_total', { trigger: 'manual', outcome: 'completed' })).toBe(1);
    expect(delta('trading_decisions_total', { action: 'buy' })).toBe(5);
    expect(
      delta('signals_generated_total', { strategy: 'sma-crossover', signal_type: 'long' }),
    ).toBe(5);
    expect(delta('signals_generated_total', { strategy: 'breakout', signal_type: 'long' })).toBe(5);
    expect(delta('orders_submitted_total', { side: 'buy', type: 'market' })).toBe(5);
    expect(delta('order_status_changes_total', { status: 'filled' })).toBe(5);
    expect(
      delta('position_size_fraction_count', { confidence_band: '0.6-0.8' }) +
        delta('position_size_fraction_count', { confidence_band: '0.8-1.0' }),
    ).toBe(5);
    const executed = SYMBOLS.reduce(
      (sum, symbol) =>
        sum +
        delta('trades_executed_total', { strategy: 'sma-crossover', symbol, side: 'buy' }) +
        delta('trades_executed_total', { strategy: 'breakout', symbol, side: 'buy' }),
      0,
    );
    expect(executed).toBe(5);
    expect(delta('trade_execution_duration_seconds_count')).toBe(5);
    expect(value(after, 'trading_loop_leader')).toBe(1);
    expect(value(after, 'trading_loop_heartbeat_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
    expect(value(after, 'portfolio_open_positions')).toBe(5);
    expect(await count('SELECT count(*) AS n FROM equity_snapshots')).toBe(1);
  });

  it('does not buy again while holding, and never runs two cycles at once', async () => {
    const orders = await count('SELECT count(*) AS n FROM orders');
    const [first, second] = await Promise.all([
      post('/api/trading/cycle'),
      post('/api/trading/cycle'),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const report = (await (first.status === 200 ? first : second).json()) as {
      symbols: Array<{ action: string; detail: string }>;
    };
    expect(
      report.symbols.every((s) => s.action === 'held' && s.detail === 'already holding a position'),
    ).toBe(true);
    expect(await count('SELECT count(*) AS n FROM orders')).toBe(orders);
  });

  it('stops the losses when prices drop 10 %, and the statistics see five losing trades', async () => {
    market.level = 0.9;
    const before = await t.scrape();
    const report = (await (await post('/api/trading/cycle')).json()) as {
      symbols: Array<{ action: string; detail: string }>;
    };
    expect(report.symbols.filter((s) => s.action === 'exited').map((s) => s.detail)).toEqual(
      Array(5).fill('stop_loss'),
    );
    const after = await t.scrape();
    expect(
      value(after, 'risk_exit_triggers_total', { type: 'stop_loss' }) -
        value(before, 'risk_exit_triggers_total', { type: 'stop_loss' }),
    ).toBe(5);
    expect(await count('SELECT count(*) AS n FROM positions WHERE quantity > 0')).toBe(0);
    const stats = (await (await t.get('/api/performance')).json()) as {
      tradeCount: number;
      losses: number;
      winRate: number;
      profitFactor: number;
    };
    expect(stats).toMatchObject({ tradeCount: 5, losses: 5, winRate: 0, profitFactor: 0 });
    expect((await t.get('/api/performance?strategy=nope')).status).toBe(404);
  });

  it('runs the loop on one instance only: a second app on the same database stands by, then takes over', async () => {
    const standby = await createTestApp({
      databaseUrl: t.databaseUrl,
      env: { PROVIDER_CACHE_TTL_MS: '0' },
    });
    try {
      const waiting = (await (
        await standby.get('/api/trading/cycle', { method: 'POST' })
      ).json()) as { status: string };
      expect(waiting.status).toBe('standby');
      expect(value(await standby.scrape(), 'trading_loop_leader')).toBe(0);
      await t.close();
      const taken = (await (
        await standby.get('/api/trading/cycle', { method: 'POST' })
      ).json()) as { status: string };
      expect(taken.status).toBe('completed');
      expect(value(await standby.scrape(), 'trading_loop_leader')).toBe(1);
    } finally {
      await standby.close();
      t = await createTestApp({ databaseUrl: t.databaseUrl });
    }
  });
});

describe('the scheduled loop', () => {
  it('runs on its own every TRADING_INTERVAL_MS and beats its heartbeat', async () => {
    const t = await createTestApp({
      env: { TRADING_INTERVAL_MS: '1000', PROVIDER_CACHE_TTL_MS: '0' },
    });
    try {
      const deadline = Date.now() + 15_000;
      let cycles = 0;
      while (Date.now() < deadline && cycles < 2) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        cycles = value(await t.scrape(), 'trading_cycles_total', {
          trigger: 'schedule',
          outcome: 'completed',
        });
      }
      expect(cycles).toBeGreaterThanOrEqual(2);
      expect((await t.get('/health/ready', { auth: false })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

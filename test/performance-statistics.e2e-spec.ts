import { DataSource, QueryRunner } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { computePerformanceStatistics, MANUAL_STRATEGY_KEY } from '../src/portfolio/performance';
import type { ClosedTrade, EquityPoint } from '../src/portfolio/performance';
import { CommittedRows, type RunQuery } from '../src/portfolio/performance/committed-rows';
import { PerformanceService } from '../src/portfolio/performance.service';
import { PortfolioService } from '../src/portfolio/portfolio.service';
import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

const NOW = new Date('2027-03-10T15:00:00Z');
const at = (minutes: number) => new Date(Date.UTC(2027, 2, 1, 14) + minutes * 60_000);

describe('performance statistics kept from the committed rows (real PostgreSQL)', () => {
  let t: TestApp;
  let db: DataSource;
  let portfolio: PortfolioService;
  let performance: PerformanceService;
  let orderId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(NOW) });
    db = t.app.get(DataSource);
    portfolio = t.app.get(PortfolioService);
    performance = t.app.get(PerformanceService);
    [{ id: orderId }] = await db.query(
      `INSERT INTO orders (client_order_id, symbol, side, type, quantity, status, broker,
         intended_at, created_at, updated_at)
       VALUES ('perf-e2e', 'SPY', 'sell', 'market', 1, 'filled', 'paper', now(), now(), now())
       RETURNING id`,
    );
  });
  afterAll(() => t.close());

  /** A writer as the app's are: a transaction id first, then the row (and its fill). */
  const begin = async (): Promise<QueryRunner> => {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    await runner.query('SELECT pg_current_xact_id()');
    return runner;
  };
  const end = async (runner: QueryRunner, outcome: 'commit' | 'rollback' = 'commit') => {
    if (outcome === 'commit') await runner.commitTransaction();
    else await runner.rollbackTransaction();
    await runner.release();
    portfolio.changes.changed();
    performance.snapshotChanges.changed();
  };
  let fills = 0;
  const insertTrade = async (
    runner: QueryRunner,
    trade: { strategy: string | null; pnl: string; minute: number },
  ): Promise<number> => {
    fills += 1;
    const [fill] = await runner.query(
      `INSERT INTO fills (order_id, broker_fill_id, symbol, side, quantity, price, fee, slippage,
         executed_at) VALUES ($1, $2, 'SPY', 'sell', 1, 100, 0, 0, $3) RETURNING id`,
      [orderId, `perf-e2e-${fills}`, at(trade.minute)],
    );
    const [row] = await runner.query(
      `INSERT INTO closed_trades (fill_id, strategy, symbol, quantity, entry_price, exit_price,
         fees, realized_pnl, opened_at, closed_at)
       VALUES ($1, $2, 'SPY', 1, 100, 100, 0, $3, $4, $4) RETURNING id`,
      [fill.id, trade.strategy, trade.pnl, at(trade.minute)],
    );
    return Number(row.id);
  };
  const insertSnapshot = async (runner: QueryRunner, minute: number, equity: string) => {
    const [row] = await runner.query(
      `INSERT INTO equity_snapshots (at, cash, positions_value, equity)
       VALUES ($1, $2, 0, $2) RETURNING id`,
      [at(minute), equity],
    );
    return Number(row.id);
  };
  const inOneTransaction = async (write: (runner: QueryRunner) => Promise<unknown>) => {
    const runner = await begin();
    await write(runner);
    await end(runner);
  };

  /** What the service answered before: the pure functions over every row, read as entities. */
  const reference = async (strategy?: string) => {
    const trades = (await db.query(
      `SELECT strategy, symbol, quantity, entry_price, exit_price, fees, realized_pnl, opened_at,
              closed_at FROM closed_trades ORDER BY closed_at, id`,
    )) as Record<string, never>[];
    const points = (await db.query(
      'SELECT at, equity FROM equity_snapshots ORDER BY at, id',
    )) as Record<string, never>[];
    const filtered = trades.filter(
      (row) =>
        strategy === undefined ||
        row.strategy === (strategy === MANUAL_STRATEGY_KEY ? null : strategy),
    );
    const stats = computePerformanceStatistics(
      filtered.map((row): ClosedTrade => ({
        strategy: row.strategy,
        symbol: row.symbol,
        side: 'long',
        quantity: row.quantity,
        entryPrice: row.entry_price,
        exitPrice: row.exit_price,
        fees: row.fees,
        realizedPnl: row.realized_pnl,
        openedAt: row.opened_at,
        closedAt: row.closed_at,
      })),
      points.map((row): EquityPoint => ({ time: row.at, equity: row.equity })),
      { now: NOW, ...t.config.performance },
    );
    return JSON.stringify(stats);
  };
  const served = async (query = '') => {
    const response = await t.get(`/api/performance${query}`);
    expect(response.status).toBe(200);
    return response.text();
  };

  describe('CommittedRows', () => {
    /** A reader of equity_snapshots (no foreign keys) that shows which gaps each read asked for. */
    const reader = (pageSize?: number) => {
      const asked: number[][] = [];
      const query: RunQuery = (sql, parameters) => {
        if (sql.includes('pg_snapshot_xmin')) asked.push((parameters[1] as number[]).slice());
        return db.query(sql, parameters);
      };
      const rows = new CommittedRows(query, { name: 'equity_snapshots', columns: 'id' }, pageSize);
      const read: number[] = [];
      const readNew = async () => {
        const before = read.length;
        await rows.readNew((page) => read.push(...page.map((row) => Number(row.id))));
        return read.slice(before);
      };
      return { readNew, asked, read };
    };

    it('relies on sequences that hand ids out in order (no per-session cache)', async () => {
      expect(
        await db.query(
          `SELECT sequencename AS name, cache_size AS cache FROM pg_sequences
            WHERE sequencename IN ('closed_trades_id_seq', 'equity_snapshots_id_seq')
            ORDER BY sequencename`,
        ),
      ).toEqual([
        { name: 'closed_trades_id_seq', cache: '1' },
        { name: 'equity_snapshots_id_seq', cache: '1' },
      ]);
    });

    it('reads a row whose lower id commits after a higher one, once, and then stops asking for it', async () => {
      const { readNew, asked } = reader();
      await readNew();
      const slow = await begin();
      const early = await insertSnapshot(slow, 1, '100');
      const fast = await begin();
      const late = await insertSnapshot(fast, 2, '101');
      await end(fast);
      expect(await readNew()).toEqual([late]);
      expect(await readNew()).toEqual([]); // still running: asked for again, not given up
      expect(asked.at(-1)).toEqual([early]);
      await end(slow);
      expect(await readNew()).toEqual([early]);
      expect(await readNew()).toEqual([]);
      expect(asked.at(-1)).toEqual([]);
    });

    it('drops the id of a rolled-back insert once no transaction that took an id before it runs', async () => {
      const { readNew, asked } = reader();
      await readNew();
      const rolledBack = await begin();
      const lost = await insertSnapshot(rolledBack, 3, '102');
      await end(rolledBack, 'rollback');
      const kept = await begin();
      const id = await insertSnapshot(kept, 4, '103');
      await end(kept);
      expect(await readNew()).toEqual([id]);
      expect(await readNew()).toEqual([]);
      expect(asked.at(-1)).toEqual([lost]);
      expect(await readNew()).toEqual([]);
      expect(asked.at(-1)).toEqual([]);
    });

    it('reads in pages, each row once', async () => {
      const { readNew, read } = reader(2);
      await readNew();
      const start = read.length;
      const ids: number[] = [];
      await inOneTransaction(async (runner) => {
        for (let i = 0; i < 5; i += 1) ids.push(await insertSnapshot(runner, 5 + i, '104'));
      });
      expect(await readNew()).toEqual(ids);
      expect(read.length - start).toBe(5);
    });
  });

  describe('GET /api/performance', () => {
    it('answers what the pure functions give over every row, as rows commit out of order', async () => {
      await served(); // the service has read every row so far
      const slow = await begin();
      await insertTrade(slow, { strategy: 'sma-crossover', pnl: '12.50', minute: 30 });
      await insertSnapshot(slow, 30, '100010.00');
      await inOneTransaction(async (runner) => {
        await insertTrade(runner, { strategy: null, pnl: '-4.25', minute: 40 });
        await insertTrade(runner, { strategy: 'manual', pnl: '0.00', minute: 40 });
        await insertTrade(runner, { strategy: 'breakout', pnl: '7.00', minute: 20 });
        await insertSnapshot(runner, 40, '99990.00');
      });
      expect(await served()).toBe(await reference());
      portfolio.changes.changed(); // other writes: read again, asking for the open one's ids
      performance.snapshotChanges.changed();
      expect(await served()).toBe(await reference());
      await end(slow);
      // three calls at once: one read of the new rows, not three
      const answers = await Promise.all([1, 2, 3].map(() => performance.statistics()));
      expect(answers.map((answer) => JSON.stringify(answer))).toEqual(
        Array(3).fill(await reference()),
      );
      for (const strategy of [MANUAL_STRATEGY_KEY, 'sma-crossover', 'breakout'])
        expect(await served(`?strategy=${strategy}`)).toBe(await reference(strategy));
    });

    it('walks the drawdown again from the table for a snapshot older than the kept tail', async () => {
      await inOneTransaction((runner) =>
        runner.query(
          `INSERT INTO equity_snapshots (at, cash, positions_value, equity)
           SELECT $1::timestamptz + i * interval '5 seconds', 100000, 0, 100000 + i % 50
             FROM generate_series(1, 2100) i`,
          [at(60)],
        ),
      );
      expect(await served()).toBe(await reference());
      await inOneTransaction((runner) => insertSnapshot(runner, 50, '90000.00'));
      const stats = JSON.parse(await served()) as { maxDrawdown: { troughEquity: string } };
      expect(stats.maxDrawdown.troughEquity).toBe('90000.00');
      expect(JSON.stringify(stats)).toBe(await reference());
    });

    it('reads both of two concurrent snapshots', async () => {
      await Promise.all([performance.snapshot(), performance.snapshot()]);
      expect(await served()).toBe(await reference());
    });

    it('sends no query when nothing changed', async () => {
      const queries = (text: string) =>
        ['select', 'insert', 'update', 'delete', 'other'].reduce(
          (sum, type) =>
            sum + value(text, 'database_queries_total', { query_type: type, outcome: 'success' }),
          0,
        );
      await served();
      expect((await t.get('/health')).status).toBe(200); // the scrapes reuse this ping
      const before = queries(await t.scrape());
      await served();
      await served('?strategy=sma-crossover');
      expect(queries(await t.scrape()) - before).toBe(0);
    });
  });
});

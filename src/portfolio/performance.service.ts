import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { InjectMetric, MetricsExposition } from '../observability';
import { ChangeDrivenValue, DataChanges } from '../observability/metrics/freshness/data-changes';
import { EquitySnapshotEntity } from './equity-snapshot.entity';
import type { PerformanceStatistics } from './performance';
import { CommittedRows, rowId, type RunQuery } from './performance/committed-rows';
import {
  type ClosedTradeRow,
  type EquityRow,
  PerformanceAccumulator,
} from './performance/performance-accumulator';
import { PortfolioService } from './portfolio.service';

/** The gauges are refreshed at most this often. */
const GAUGE_REFRESH_MS = 30_000;

/**
 * The performance report (overall or one strategy), equity snapshots, and the performance gauges.
 * The statistics are kept in memory (`PerformanceAccumulator`) and fed each closed trade and
 * equity snapshot once (`CommittedRows`), read only after a fill or a snapshot (or, with other
 * replicas on the database, after a while): a report costs what its answer holds, not the
 * history (docs/PERFORMANCE_STATISTICS.md).
 */
@Injectable()
export class PerformanceService implements OnModuleInit {
  /** Moves with every equity snapshot (as `PortfolioService.changes` with every fill). */
  readonly snapshotChanges: DataChanges;
  private gaugesRefreshedAt = 0;
  private readonly kept = new PerformanceAccumulator();
  private readonly closedTrades: CommittedRows;
  private readonly equitySnapshots: CommittedRows;
  private readonly tradesRead: ChangeDrivenValue<void>;
  private readonly snapshotsRead: ChangeDrivenValue<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolio: PortfolioService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly exposition: MetricsExposition,
    @InjectMetric('strategy_win_rate') private readonly winRate: Gauge<string>,
    @InjectMetric('strategy_profit_loss') private readonly strategyPnl: Gauge<string>,
    @InjectMetric('monthly_profit_loss') private readonly monthlyPnl: Gauge<string>,
    @InjectMetric('win_streak') private readonly winStreak: Gauge<string>,
    @InjectMetric('loss_streak') private readonly lossStreak: Gauge<string>,
    @InjectMetric('portfolio_sharpe_ratio') private readonly sharpe: Gauge<string>,
    @InjectMetric('portfolio_max_drawdown_ratio') private readonly drawdown: Gauge<string>,
    @InjectMetric('portfolio_profit_factor') private readonly profitFactor: Gauge<string>,
  ) {
    this.snapshotChanges = new DataChanges({
      othersWriteWithinMs: portfolio.changes.othersWriteWithinMs,
    });
    const query: RunQuery = (sql, parameters) => this.dataSource.query(sql, parameters);
    this.closedTrades = new CommittedRows(query, {
      name: 'closed_trades',
      columns: 'id, strategy, symbol, realized_pnl, closed_at',
    });
    this.equitySnapshots = new CommittedRows(query, {
      name: 'equity_snapshots',
      columns: 'id, at, equity',
    });
    this.tradesRead = new ChangeDrivenValue(
      [portfolio.changes],
      oneAtATime(() => this.readNewTrades()),
    );
    this.snapshotsRead = new ChangeDrivenValue(
      [this.snapshotChanges],
      oneAtATime(() => this.readNewSnapshots()),
    );
  }

  onModuleInit(): void {
    this.exposition.addCollector(() => this.refreshGauges());
  }

  /** Records the account's value now (cash plus positions at the last price). */
  async snapshot(): Promise<EquitySnapshotEntity> {
    const valuation = await this.portfolio.valuation();
    const saved = await this.dataSource.transaction(async (manager) => {
      // a transaction id before the row's id, which CommittedRows relies on
      await manager.query('SELECT pg_current_xact_id()');
      return manager.save(EquitySnapshotEntity, {
        at: valuation.at,
        cash: valuation.cash,
        positionsValue: valuation.positionsValue,
        equity: valuation.equity,
      });
    });
    this.snapshotChanges.changed();
    return saved;
  }

  /** Statistics of every closed trade, or of one strategy's (`manual` for API orders). */
  async statistics(strategy?: string): Promise<PerformanceStatistics> {
    await Promise.all([this.tradesRead.get(), this.snapshotsRead.get()]);
    const { periodsPerYear, riskFreeRate } = this.config.performance;
    return this.kept.statistics({ now: this.clock.now(), periodsPerYear, riskFreeRate }, strategy);
  }

  private readNewTrades(): Promise<void> {
    return this.closedTrades.readNew((rows) => this.kept.addTrades(rows.map(toClosedTradeRow)));
  }

  private async readNewSnapshots(): Promise<void> {
    await this.equitySnapshots.readNew((rows) => this.kept.addEquityPoints(rows.map(toEquityRow)));
    if (this.kept.drawdownIsComplete) return;
    const walk = this.kept.rewalkDrawdown();
    await this.equitySnapshots.readAgain('at', (rows) => walk.add(rows.map(toEquityRow)));
    walk.finish();
  }

  private async refreshGauges(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.gaugesRefreshedAt < GAUGE_REFRESH_MS && this.gaugesRefreshedAt !== 0) return;
    this.gaugesRefreshedAt = now;
    const month = new Date(now).toISOString().slice(0, 7);
    const stats = await this.statistics();
    for (const [strategy, byStrategy] of Object.entries(stats.byStrategy)) {
      if (byStrategy.winRate !== null) this.winRate.set({ strategy }, byStrategy.winRate);
      this.strategyPnl.set({ strategy }, Number(byStrategy.totalRealizedPnl));
    }
    this.monthlyPnl.set(Number(stats.monthlyPnl.find((entry) => entry.month === month)?.pnl ?? 0));
    this.winStreak.set(stats.currentWinStreak);
    this.lossStreak.set(stats.currentLossStreak);
    setOrReset(this.sharpe, stats.sharpeRatio);
    setOrReset(this.drawdown, stats.maxDrawdown?.fraction ?? 0);
    setOrReset(this.profitFactor, stats.profitFactor);
  }
}

/**
 * One read at a time, each going on from where the last one stopped. Callers that come while a
 * read runs share the next one: it starts after they came, so it sees what they wait for.
 */
function oneAtATime(read: () => Promise<void>): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  let notStarted: Promise<void> | undefined;
  return () => {
    if (notStarted !== undefined) return notStarted;
    const next: Promise<void> = last
      .catch(() => undefined)
      .then(() => {
        if (notStarted === next) notStarted = undefined;
        return read();
      });
    notStarted = next;
    last = next;
    return next;
  };
}

const setOrReset = (gauge: Gauge<string>, value: number | null): void => {
  if (value === null) gauge.reset();
  else gauge.set(value);
};

const toClosedTradeRow = (row: Record<string, unknown>): ClosedTradeRow => ({
  id: rowId(row.id),
  strategy: row.strategy as string | null,
  symbol: row.symbol as string,
  realizedPnl: row.realized_pnl as string,
  closedAt: row.closed_at as Date,
});

const toEquityRow = (row: Record<string, unknown>): EquityRow => ({
  id: rowId(row.id),
  time: row.at as Date,
  equity: row.equity as string,
});

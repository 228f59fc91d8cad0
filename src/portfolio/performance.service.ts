import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Gauge } from 'prom-client';
import { DataSource, FindOptionsWhere, IsNull } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { InjectMetric, MetricsExposition } from '../observability';
import { ChangeDrivenValue, DataChanges } from '../observability/metrics/freshness/data-changes';
import { ClosedTradeEntity } from './closed-trade.entity';
import { EquitySnapshotEntity } from './equity-snapshot.entity';
import { computePerformanceStatistics, MANUAL_STRATEGY_KEY } from './performance';
import type { ClosedTrade, EquityPoint, PerformanceStatistics } from './performance';
import { PortfolioService } from './portfolio.service';

/**
 * The gauges are refreshed at most this often; the statistics behind them (every closed trade and
 * snapshot) are read again only when a fill or a snapshot changed them, or the month turned.
 */
const GAUGE_REFRESH_MS = 30_000;

/** The performance report (overall or one strategy), equity snapshots, and the performance gauges. */
@Injectable()
export class PerformanceService implements OnModuleInit {
  private gaugesRefreshedAt = 0;
  private readonly snapshots: DataChanges;
  private readonly gaugeStatistics: ChangeDrivenValue<PerformanceStatistics>;

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
    this.snapshots = new DataChanges({
      othersWriteWithinMs: portfolio.changes.othersWriteWithinMs,
    });
    this.gaugeStatistics = new ChangeDrivenValue([portfolio.changes, this.snapshots], () =>
      this.statistics(),
    );
  }

  onModuleInit(): void {
    this.exposition.addCollector(() => this.refreshGauges());
  }

  /** Records the account's value now (cash plus positions at the last price). */
  async snapshot(): Promise<EquitySnapshotEntity> {
    const valuation = await this.portfolio.valuation();
    const saved = await this.dataSource.manager.save(EquitySnapshotEntity, {
      at: valuation.at,
      cash: valuation.cash,
      positionsValue: valuation.positionsValue,
      equity: valuation.equity,
    });
    this.snapshots.changed();
    return saved;
  }

  /** Statistics of every closed trade, or of one strategy's (`manual` for API orders). */
  async statistics(strategy?: string): Promise<PerformanceStatistics> {
    const where: FindOptionsWhere<ClosedTradeEntity> = {};
    if (strategy !== undefined)
      where.strategy = strategy === MANUAL_STRATEGY_KEY ? IsNull() : strategy;
    const [trades, snapshots] = await Promise.all([
      this.dataSource.manager.find(ClosedTradeEntity, {
        where,
        order: { closedAt: 'ASC', id: 'ASC' },
      }),
      this.dataSource.manager.find(EquitySnapshotEntity, { order: { at: 'ASC', id: 'ASC' } }),
    ]);
    return computePerformanceStatistics(trades.map(toClosedTrade), snapshots.map(toEquityPoint), {
      now: this.clock.now(),
      periodsPerYear: this.config.performance.periodsPerYear,
      riskFreeRate: this.config.performance.riskFreeRate,
    });
  }

  private async refreshGauges(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.gaugesRefreshedAt < GAUGE_REFRESH_MS && this.gaugesRefreshedAt !== 0) return;
    this.gaugesRefreshedAt = now;
    const month = new Date(now).toISOString().slice(0, 7);
    const stats = await this.gaugeStatistics.get(month);
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

const setOrReset = (gauge: Gauge<string>, value: number | null): void => {
  if (value === null) gauge.reset();
  else gauge.set(value);
};

const toClosedTrade = (trade: ClosedTradeEntity): ClosedTrade => ({
  strategy: trade.strategy,
  symbol: trade.symbol,
  side: 'long',
  quantity: trade.quantity,
  entryPrice: trade.entryPrice,
  exitPrice: trade.exitPrice,
  fees: trade.fees,
  realizedPnl: trade.realizedPnl,
  openedAt: trade.openedAt,
  closedAt: trade.closedAt,
});

const toEquityPoint = (snapshot: EquitySnapshotEntity): EquityPoint => ({
  time: snapshot.at,
  equity: snapshot.equity,
});

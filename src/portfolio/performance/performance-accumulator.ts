import type { KeptEquityPoint } from './drawdown-walk';
import { EquityStatisticsAccumulator } from './equity-statistics-accumulator';
import { parseDecimal } from './exact-decimal';
import { MANUAL_STRATEGY_KEY, resolveOptions } from './performance-statistics';
import type { PerformanceStatistics, StatisticsInput, TradeStatistics } from './performance.types';
import { type KeptTrade, TradeStatisticsAccumulator } from './trade-statistics-accumulator';
import { tradeOutcome } from './trade-outcome';
import { assertValidDate, MS_PER_DAY, utcDateKey, utcMonthKey } from './utc-calendar';

/** A `closed_trades` row: what the statistics read of it. */
export interface ClosedTradeRow {
  id: number;
  strategy: string | null;
  symbol: string;
  /** Decimal string. */
  realizedPnl: string;
  closedAt: Date;
}

/** An `equity_snapshots` row: what the statistics read of it. */
export interface EquityRow {
  id: number;
  time: Date;
  /** Decimal string. */
  equity: string;
}

/**
 * `computePerformanceStatistics` kept up to date as trades and equity points are added, each
 * once, in any order: the report over all rows added so far, sorted by (closedAt, id) and
 * (time, id), is the one the pure functions give for that list. Trades are kept per scope — all,
 * each `byStrategy` key, and manual orders alone (the `manual` filter: a strategy literally
 * named `manual` shares the `byStrategy` key but is not a manual order).
 */
export class PerformanceAccumulator {
  private readonly all = new TradeStatisticsAccumulator();
  private readonly byStrategy = new Map<string, TradeStatisticsAccumulator>();
  private readonly manualOrders = new TradeStatisticsAccumulator();
  private readonly noTrades = new TradeStatisticsAccumulator();
  private readonly equity: EquityStatisticsAccumulator;

  constructor(options: { equityTailLength?: number } = {}) {
    this.equity = new EquityStatisticsAccumulator(options.equityTailLength);
  }

  /** Adds trades not added before (a batch is sorted first, so it costs no streak recount). */
  addTrades(rows: readonly ClosedTradeRow[]): void {
    const trades = rows.map(keptTrade).sort(byClosingOrder);
    for (const trade of trades) {
      this.all.add(trade);
      this.strategyScope(trade.strategy ?? MANUAL_STRATEGY_KEY).add(trade);
      if (trade.strategy === null) this.manualOrders.add(trade);
    }
  }

  /** Adds equity points not added before; see `drawdownIsComplete`. */
  addEquityPoints(rows: readonly EquityRow[]): void {
    const points = rows.map(keptEquityPoint).sort((a, b) => a.timeMs - b.timeMs || a.id - b.id);
    let day = { number: NaN, key: '' }; // points come thousands a day: one key per day
    for (const point of points) {
      const number = Math.floor(point.timeMs / MS_PER_DAY);
      if (number !== day.number) day = { number, key: utcDateKey(point.time) };
      this.equity.add(point, day.key);
    }
  }

  /** False when a point came too late to be placed: `rewalkDrawdown` over every point then. */
  get drawdownIsComplete(): boolean {
    return this.equity.drawdownIsComplete;
  }

  /** A new drawdown walk, to be fed every point added so far in curve order (in batches). */
  rewalkDrawdown(): { add(rows: readonly EquityRow[]): void; finish(): void } {
    const walk = this.equity.rewalk();
    return {
      add: (rows) => rows.forEach((row) => walk.add(keptEquityPoint(row))),
      finish: () => walk.finish(),
    };
  }

  /**
   * The report over every trade and point added, or — `strategy` given — over that strategy's
   * trades (`manual`: manual orders) and every point, as `computePerformanceStatistics` over
   * that strategy's trades.
   */
  statistics(input: StatisticsInput, strategy?: string): PerformanceStatistics {
    const options = resolveOptions(input);
    assertValidDate(options.now, 'now');
    const trades = strategy === undefined ? this.all : this.filteredScope(strategy);
    const overall = trades.statistics(options.now);
    const byStrategy: Record<string, TradeStatistics> = {};
    if (strategy === undefined) {
      for (const key of [...this.byStrategy.keys()].sort(byCodeUnits)) {
        byStrategy[key] = (this.byStrategy.get(key) as TradeStatisticsAccumulator).statistics(
          options.now,
        );
      }
    } else if (overall.tradeCount > 0) {
      byStrategy[strategy] = trades.statistics(options.now);
    }
    return { ...overall, ...this.equity.statistics(options), byStrategy };
  }

  private filteredScope(strategy: string): TradeStatisticsAccumulator {
    if (strategy === MANUAL_STRATEGY_KEY) return this.manualOrders;
    return this.byStrategy.get(strategy) ?? this.noTrades;
  }

  private strategyScope(key: string): TradeStatisticsAccumulator {
    let scope = this.byStrategy.get(key);
    if (scope === undefined) {
      scope = new TradeStatisticsAccumulator();
      this.byStrategy.set(key, scope);
    }
    return scope;
  }
}

function keptTrade(row: ClosedTradeRow): KeptTrade {
  assertValidDate(row.closedAt, `closed trade ${row.id} closedAt`);
  const pnl = parseDecimal(row.realizedPnl, `closed trade ${row.id} realizedPnl`);
  return {
    id: row.id,
    symbol: row.symbol,
    strategy: row.strategy,
    pnl,
    outcome: tradeOutcome(pnl),
    closedAt: row.closedAt,
    closedAtMs: row.closedAt.getTime(),
    day: utcDateKey(row.closedAt),
    month: utcMonthKey(row.closedAt),
  };
}

function keptEquityPoint(row: EquityRow): KeptEquityPoint {
  assertValidDate(row.time, `equity point ${row.id} time`);
  return {
    id: row.id,
    time: row.time,
    timeMs: row.time.getTime(),
    equity: parseDecimal(row.equity, `equity point ${row.id} equity`),
    equityNumber: Number(row.equity),
  };
}

function byClosingOrder(a: KeptTrade, b: KeptTrade): number {
  return a.closedAtMs - b.closedAtMs || a.id - b.id;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

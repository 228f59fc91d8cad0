import { currentDrawdown, maxDrawdown } from './drawdown';
import { parseEquityCurve } from './equity-curve';
import type {
  ClosedTrade,
  EquityPoint,
  EquityStatistics,
  PerformanceStatistics,
  StatisticsInput,
  StatisticsOptions,
  TradeStatistics,
} from './performance.types';
import { dailyReturns } from './returns';
import { sharpeRatio, sortinoRatio } from './risk-ratios';
import { computeTradeStatistics } from './trade-statistics';

export const DEFAULT_PERIODS_PER_YEAR = 252;
export const DEFAULT_RISK_FREE_RATE = 0;
/** The `byStrategy` key of manual orders (strategy null). */
export const MANUAL_STRATEGY_KEY = 'manual';

/** Overall trade and equity statistics plus trade statistics per strategy. */
export function computePerformanceStatistics(
  trades: readonly ClosedTrade[],
  equityCurve: readonly EquityPoint[],
  input: StatisticsInput,
): PerformanceStatistics {
  const options = resolveOptions(input);
  return {
    ...computeTradeStatistics(trades, options.now),
    ...computeEquityStatistics(equityCurve, options),
    byStrategy: computeStatisticsByStrategy(trades, options.now),
  };
}

export function computeEquityStatistics(
  equityCurve: readonly EquityPoint[],
  options: Omit<StatisticsOptions, 'now'>,
): EquityStatistics {
  const curve = parseEquityCurve(equityCurve);
  const returns = dailyReturns(curve);
  const values = returns.map((daily) => daily.return);
  return {
    dailyReturns: returns,
    sharpeRatio: sharpeRatio(values, options),
    sortinoRatio: sortinoRatio(values, options),
    maxDrawdown: maxDrawdown(curve),
    currentDrawdown: currentDrawdown(curve),
  };
}

/** Keys sorted; a strategy literally named 'manual' shares the key of manual orders. */
export function computeStatisticsByStrategy(
  trades: readonly ClosedTrade[],
  now: Date,
): Record<string, TradeStatistics> {
  const groups = new Map<string, ClosedTrade[]>();
  for (const trade of trades) {
    const key = trade.strategy ?? MANUAL_STRATEGY_KEY;
    const group = groups.get(key) ?? [];
    group.push(trade);
    groups.set(key, group);
  }
  return Object.fromEntries(
    [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, group]) => [key, computeTradeStatistics(group, now)]),
  );
}

export function resolveOptions(input: StatisticsInput): StatisticsOptions {
  const options = {
    periodsPerYear: input.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR,
    riskFreeRate: input.riskFreeRate ?? DEFAULT_RISK_FREE_RATE,
    now: input.now,
  };
  if (!Number.isFinite(options.periodsPerYear) || options.periodsPerYear <= 0) {
    throw new RangeError(`periodsPerYear must be a positive number: ${options.periodsPerYear}`);
  }
  if (!Number.isFinite(options.riskFreeRate) || options.riskFreeRate <= -1) {
    throw new RangeError(`riskFreeRate must be a number above −1: ${options.riskFreeRate}`);
  }
  return options;
}

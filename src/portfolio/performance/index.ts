export * from './performance.types';
export {
  computeEquityStatistics,
  computePerformanceStatistics,
  computeStatisticsByStrategy,
  DEFAULT_PERIODS_PER_YEAR,
  DEFAULT_RISK_FREE_RATE,
  MANUAL_STRATEGY_KEY,
} from './performance-statistics';
export { computeTradeStatistics } from './trade-statistics';
export { expectedRealizedPnl } from './realized-pnl';
export { perPeriodRiskFreeRate, sharpeRatio, sortinoRatio } from './risk-ratios';

import { EVALUATION_METRICS } from './evaluation/evaluation.metrics';
import { EXECUTION_METRICS } from './execution/execution.metrics';
import { PERFORMANCE_METRICS } from './portfolio/performance.metrics';
import { PORTFOLIO_METRICS } from './portfolio/portfolio.metrics';
import { COMPLIANCE_METRICS } from './risk/compliance/compliance.metrics';
import { RISK_METRICS } from './risk/risk.metrics';
import { TRADING_METRICS } from './trading/trading.metrics';
import { CORE_METRICS, DATABASE_METRICS, HEALTH_METRICS, MetricDefinition } from './observability';
import { OPTIONS_FLOW_METRICS } from './options-flow/options-flow.metrics';
import { REDIS_METRICS } from './providers/cache/redis.metrics';
import { PROVIDER_METRICS } from './providers/provider.metrics';
import { SENTIMENT_METRICS } from './sentiment/sentiment.metrics';
import { STRATEGY_METRICS } from './strategies/strategies.metrics';

/** Every metric this application defines; docs and tests enumerate this list. */
export const ALL_METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  ...CORE_METRICS,
  ...DATABASE_METRICS,
  ...HEALTH_METRICS,
  ...PROVIDER_METRICS,
  ...REDIS_METRICS,
  ...SENTIMENT_METRICS,
  ...OPTIONS_FLOW_METRICS,
  ...STRATEGY_METRICS,
  ...EVALUATION_METRICS,
  ...EXECUTION_METRICS,
  ...PORTFOLIO_METRICS,
  ...PERFORMANCE_METRICS,
  ...RISK_METRICS,
  ...COMPLIANCE_METRICS,
  ...TRADING_METRICS,
];

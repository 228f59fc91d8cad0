import { RATE_LIMIT_METRICS } from './common/rate-limit/rate-limit.metrics';
import { EVALUATION_METRICS } from './evaluation/evaluation.metrics';
import { EXECUTION_METRICS } from './execution/execution.metrics';
import {
  DATABASE_METRICS,
  ERROR_METRICS,
  HEALTH_METRICS,
  HTTP_METRICS,
  MetricDefinition,
  SYSTEM_METRICS,
} from './observability';
import { OPTIONS_FLOW_METRICS } from './options-flow/options-flow.metrics';
import { PERFORMANCE_METRICS } from './portfolio/performance.metrics';
import { PORTFOLIO_METRICS } from './portfolio/portfolio.metrics';
import { REDIS_METRICS } from './providers/cache/redis.metrics';
import { PROVIDER_METRICS } from './providers/provider.metrics';
import { COMPLIANCE_METRICS } from './risk/compliance/compliance.metrics';
import { RISK_METRICS } from './risk/risk.metrics';
import { SENTIMENT_METRICS } from './sentiment/sentiment.metrics';
import { STRATEGY_METRICS } from './strategies/strategies.metrics';
import { TRADING_METRICS } from './trading/trading.metrics';

export interface MetricGroup {
  area: string;
  /** The code that records these metrics (where to look when a series looks wrong). */
  emittedBy: string[];
  definitions: readonly MetricDefinition[];
}

/** Every metric this application defines, by area and with the code that emits it. */
export const METRIC_GROUPS: readonly MetricGroup[] = [
  {
    area: 'HTTP',
    emittedBy: ['src/observability/metrics/http/http-metrics.recorder.ts'],
    definitions: HTTP_METRICS,
  },
  {
    area: 'System',
    emittedBy: ['src/observability/metrics/system/system-metrics.collector.ts'],
    definitions: SYSTEM_METRICS,
  },
  {
    area: 'Errors',
    emittedBy: [
      'src/observability/metrics/errors/error-metrics.service.ts',
      'src/common/errors/all-exceptions.filter.ts',
    ],
    definitions: ERROR_METRICS,
  },
  {
    area: 'Rate limiting',
    emittedBy: [
      'src/common/rate-limit/rate-limit.guard.ts',
      'src/common/rate-limit/rate-limit.module.ts',
    ],
    definitions: RATE_LIMIT_METRICS,
  },
  {
    area: 'Database',
    emittedBy: ['src/observability/metrics/database/database-metrics.service.ts'],
    definitions: DATABASE_METRICS,
  },
  {
    area: 'Health',
    emittedBy: ['src/observability/health/health-status.service.ts'],
    definitions: HEALTH_METRICS,
  },
  {
    area: 'Data providers',
    emittedBy: ['src/providers/provider-gateway.service.ts'],
    definitions: PROVIDER_METRICS,
  },
  {
    area: 'Redis cache',
    emittedBy: ['src/providers/cache/redis-cache.ts'],
    definitions: REDIS_METRICS,
  },
  {
    area: 'Sentiment',
    emittedBy: ['src/sentiment/sentiment.service.ts'],
    definitions: SENTIMENT_METRICS,
  },
  {
    area: 'Options flow',
    emittedBy: ['src/options-flow/options-flow.service.ts'],
    definitions: OPTIONS_FLOW_METRICS,
  },
  {
    area: 'Strategies and signals',
    emittedBy: ['src/strategies/signals.service.ts', 'src/strategies/strategy-registry.service.ts'],
    definitions: STRATEGY_METRICS,
  },
  {
    area: 'Decisions',
    emittedBy: ['src/evaluation/evaluation.service.ts'],
    definitions: EVALUATION_METRICS,
  },
  {
    area: 'Orders and executions',
    emittedBy: ['src/execution/orders.service.ts', 'src/execution/order-reconciler.ts'],
    definitions: EXECUTION_METRICS,
  },
  {
    area: 'Portfolio',
    emittedBy: ['src/portfolio/portfolio.service.ts'],
    definitions: PORTFOLIO_METRICS,
  },
  {
    area: 'Performance',
    emittedBy: ['src/portfolio/performance.service.ts'],
    definitions: PERFORMANCE_METRICS,
  },
  { area: 'Risk', emittedBy: ['src/risk/risk.service.ts'], definitions: RISK_METRICS },
  {
    area: 'Compliance',
    emittedBy: ['src/risk/compliance/compliance.service.ts'],
    definitions: COMPLIANCE_METRICS,
  },
  {
    area: 'Trading loop',
    emittedBy: ['src/trading/trading-cycle.service.ts', 'src/trading/trading-leadership.ts'],
    definitions: TRADING_METRICS,
  },
];

/** Every metric this application defines; docs, dashboards and tests enumerate this list. */
export const ALL_METRIC_DEFINITIONS: readonly MetricDefinition[] = METRIC_GROUPS.flatMap(
  (group) => group.definitions,
);

// The public API of the observability suite. It imports nothing from the trading code.
export { InjectMetric } from '@willsoto/nestjs-prometheus';
export { MetricsModule, CORE_METRICS } from './metrics/metrics.module';
export type { MetricsModuleOptions } from './metrics/metrics-options.interface';
export { METRICS_REGISTRY, UNMATCHED_ENDPOINT } from './metrics/metrics.constants';
export { BUCKETS, defineCounter, defineGauge, defineHistogram } from './metrics/metric-definition';
export type {
  CounterDefinition,
  GaugeDefinition,
  HistogramDefinition,
  MetricDefinition,
} from './metrics/metric-definition';
export { Timed, Counted } from './metrics/decorators/instrumented.decorator';
export { trackDuration } from './metrics/decorators/track-duration';
export { endpointLabel } from './metrics/http/http-labels';
export { ErrorMetrics, exceptionType } from './metrics/errors/error-metrics.service';
export { BearerToken } from './bearer-token';
export { MetricsExposition } from './metrics/exposition/metrics-exposition.service';
export { MetricsServer } from './metrics/exposition/metrics-server';
export { DatabaseMetricsModule } from './metrics/database/database-metrics.module';
export { DATABASE_METRICS } from './metrics/database/database.metrics';
export { HTTP_METRICS } from './metrics/http/http.metrics';
export { SYSTEM_METRICS } from './metrics/system/system.metrics';
export { ERROR_METRICS } from './metrics/errors/error.metrics';
export { HealthModule } from './health/health.module';
export { HealthIndicatorRegistry } from './health/health-indicator.registry';
export type { RegisteredIndicator, HealthProbe } from './health/health-indicator.registry';
export type { HealthModuleOptions } from './health/health-options.interface';
export { HEALTH_METRICS } from './health/health.metrics';

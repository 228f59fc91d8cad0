import { CORE_METRICS, DATABASE_METRICS, HEALTH_METRICS, MetricDefinition } from './observability';

/** Every metric this application defines; docs and tests enumerate this list. */
export const ALL_METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  ...CORE_METRICS,
  ...DATABASE_METRICS,
  ...HEALTH_METRICS,
];

import { ALL_METRIC_DEFINITIONS } from '../../src/metrics-catalog';

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** A metric a dashboard may query: its exposed name, type and labels (target labels excluded). */
export interface KnownMetric {
  readonly name: string;
  readonly type: MetricType;
  readonly labelNames: readonly string[];
  readonly source: 'tradewatch' | 'prom-client' | 'prometheus';
}

/** What a series name in an expression resolves to. `part` is set for a histogram's series. */
export interface ResolvedSeries {
  readonly metric: KnownMetric;
  readonly part?: 'bucket' | 'sum' | 'count';
}

/** Labels Prometheus attaches to every scraped series (the scrape job's target labels). */
export const TARGET_LABELS: readonly string[] = ['job', 'instance'];

/**
 * prom-client 15's default metrics (`collectDefaultMetrics()`, no prefix) that the dashboards may
 * use. Names and types are checked against a real prom-client registry by the dashboards test;
 * labels are the ones prom-client documents for each family.
 */
export const PROM_CLIENT_DEFAULT_METRICS: readonly KnownMetric[] = (
  [
    ['process_cpu_user_seconds_total', 'counter', []],
    ['process_cpu_system_seconds_total', 'counter', []],
    ['process_cpu_seconds_total', 'counter', []],
    ['process_start_time_seconds', 'gauge', []],
    ['process_resident_memory_bytes', 'gauge', []],
    ['process_virtual_memory_bytes', 'gauge', []],
    ['process_heap_bytes', 'gauge', []],
    ['process_open_fds', 'gauge', []],
    ['process_max_fds', 'gauge', []],
    ['nodejs_eventloop_lag_seconds', 'gauge', []],
    ['nodejs_eventloop_lag_min_seconds', 'gauge', []],
    ['nodejs_eventloop_lag_max_seconds', 'gauge', []],
    ['nodejs_eventloop_lag_mean_seconds', 'gauge', []],
    ['nodejs_eventloop_lag_stddev_seconds', 'gauge', []],
    ['nodejs_eventloop_lag_p50_seconds', 'gauge', []],
    ['nodejs_eventloop_lag_p90_seconds', 'gauge', []],
    ['nodejs_eventloop_lag_p99_seconds', 'gauge', []],
    ['nodejs_active_resources', 'gauge', ['type']],
    ['nodejs_active_resources_total', 'gauge', []],
    ['nodejs_active_handles', 'gauge', ['type']],
    ['nodejs_active_handles_total', 'gauge', []],
    ['nodejs_active_requests', 'gauge', ['type']],
    ['nodejs_active_requests_total', 'gauge', []],
    ['nodejs_heap_size_total_bytes', 'gauge', []],
    ['nodejs_heap_size_used_bytes', 'gauge', []],
    ['nodejs_external_memory_bytes', 'gauge', []],
    ['nodejs_heap_space_size_total_bytes', 'gauge', ['space']],
    ['nodejs_heap_space_size_used_bytes', 'gauge', ['space']],
    ['nodejs_heap_space_size_available_bytes', 'gauge', ['space']],
    ['nodejs_version_info', 'gauge', ['version', 'major', 'minor', 'patch']],
    ['nodejs_gc_duration_seconds', 'histogram', ['kind']],
  ] as const
).map(([name, type, labelNames]) => ({ name, type, labelNames, source: 'prom-client' }));

/** Prometheus's own per-target series. */
export const PROMETHEUS_METRICS: readonly KnownMetric[] = [
  { name: 'up', type: 'gauge', labelNames: [], source: 'prometheus' },
];

/** Every metric tradewatch defines, as the dashboards see it. */
export const APP_METRICS: readonly KnownMetric[] = ALL_METRIC_DEFINITIONS.map((definition) => ({
  name: definition.name,
  type: definition.type,
  labelNames: definition.labelNames,
  source: 'tradewatch',
}));

const HISTOGRAM_PARTS = ['bucket', 'sum', 'count'] as const;

/** Name → metric lookup over the app's definitions, prom-client's defaults and `up`. */
export class MetricCatalog {
  private readonly byName = new Map<string, KnownMetric>();

  constructor(metrics: readonly KnownMetric[]) {
    for (const metric of metrics) {
      if (this.byName.has(metric.name)) throw new Error(`metric ${metric.name} is listed twice`);
      this.byName.set(metric.name, metric);
    }
  }

  /** The metric a series name belongs to (`x_bucket` → histogram `x`), or undefined. */
  resolve(series: string): ResolvedSeries | undefined {
    const exact = this.byName.get(series);
    if (exact) return { metric: exact };
    for (const part of HISTOGRAM_PARTS) {
      const suffix = `_${part}`;
      if (!series.endsWith(suffix)) continue;
      const base = this.byName.get(series.slice(0, -suffix.length));
      if (base?.type === 'histogram') return { metric: base, part };
    }
    return undefined;
  }

  /** The metric called `name`; throws when there is none (a typo fails the build, not Grafana). */
  get(name: string): KnownMetric {
    const metric = this.byName.get(name);
    if (!metric) throw new Error(`unknown metric "${name}": it is not in ALL_METRIC_DEFINITIONS`);
    return metric;
  }

  /** Labels a series of this metric carries in Prometheus (its own, target labels, `le`). */
  labelsOf(resolved: ResolvedSeries): readonly string[] {
    return [
      ...resolved.metric.labelNames,
      ...TARGET_LABELS,
      ...(resolved.part === 'bucket' ? ['le'] : []),
    ];
  }
}

export const CATALOG = new MetricCatalog([
  ...APP_METRICS,
  ...PROM_CLIENT_DEFAULT_METRICS,
  ...PROMETHEUS_METRICS,
]);

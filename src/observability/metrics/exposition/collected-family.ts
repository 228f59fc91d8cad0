import type { Metric, Registry } from 'prom-client';
import type { HistogramDefinition, MetricDefinition } from '../metric-definition';

export interface FamilySample {
  value: number;
  labels: Record<string, string | number>;
  /** For histogram series: `<name>_bucket`, `_sum`, `_count`. */
  metricName?: string;
}

/**
 * A metric family whose values are kept elsewhere (plain counters on a hot path) and read only
 * when Prometheus scrapes. It is rendered by prom-client's registry like any other metric.
 */
export class CollectedFamily {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly aggregator = 'sum';

  constructor(
    definition: MetricDefinition,
    private readonly read: () => FamilySample[],
  ) {
    this.name = definition.name;
    this.help = definition.help;
    this.type = definition.type;
  }

  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: FamilySample[];
  }> {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: this.read(),
    };
  }

  registerIn(registry: Registry): this {
    registry.registerMetric(this as unknown as Metric);
    return this;
  }
}

/** Non-cumulative bucket counts for one histogram series; `observe` is a short scan, no hashing. */
export class HistogramCells {
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const bounds = this.bounds;
    let index = 0;
    while (index < bounds.length && value > bounds[index]) index++;
    this.counts[index]++;
    this.sum += value;
    this.count++;
  }

  /** The series in Prometheus form: cumulative `_bucket`s with `le`, then `_sum` and `_count`. */
  samples(definition: HistogramDefinition, labels: Record<string, string>): FamilySample[] {
    const samples: FamilySample[] = [];
    let cumulative = 0;
    this.bounds.forEach((bound, index) => {
      cumulative += this.counts[index];
      samples.push({
        metricName: `${definition.name}_bucket`,
        labels: { le: bound, ...labels },
        value: cumulative,
      });
    });
    samples.push({
      metricName: `${definition.name}_bucket`,
      labels: { le: '+Inf', ...labels },
      value: this.count,
    });
    samples.push({ metricName: `${definition.name}_sum`, labels, value: this.sum });
    samples.push({ metricName: `${definition.name}_count`, labels, value: this.count });
    return samples;
  }
}

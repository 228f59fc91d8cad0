import type { Metric, Registry } from 'prom-client';
import type { HistogramDefinition, MetricDefinition } from '../metric-definition';

type Labels = Record<string, string | number>;

export interface FamilySample {
  value: number;
  labels: Labels;
  /**
   * Labels of a histogram series shared by its `_bucket`, `_sum` and `_count` samples (as
   * prom-client hands them to its registry); `labels` then holds only `le`, if anything.
   */
  sharedLabels?: Labels;
  /** For histogram series: `<name>_bucket`, `_sum`, `_count`. */
  metricName?: string;
}

interface FamilyData {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  values: FamilySample[];
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

  /** As prom-client's `get`: every sample with all its labels (what JSON consumers read). */
  async get(): Promise<FamilyData> {
    const family = await this.getForPromString();
    family.values = family.values.map(withSharedLabels);
    return family;
  }

  /** As prom-client's histograms give it to the text writers: shared labels kept apart. */
  async getForPromString(): Promise<FamilyData> {
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

function withSharedLabels(sample: FamilySample): FamilySample {
  const { sharedLabels, ...rest } = sample;
  return sharedLabels === undefined
    ? sample
    : { ...rest, labels: { ...sample.labels, ...sharedLabels } };
}

const NO_LABELS: Labels = Object.freeze({});
/** `{ le }` of each bucket of a bounds array, then `+Inf`: shared by every series using it. */
const bucketLabelsByBounds = new WeakMap<readonly number[], readonly Labels[]>();

function bucketLabels(bounds: readonly number[]): readonly Labels[] {
  let labels = bucketLabelsByBounds.get(bounds);
  if (labels === undefined) {
    labels = [...bounds, '+Inf'].map((le) => Object.freeze({ le }));
    bucketLabelsByBounds.set(bounds, labels);
  }
  return labels;
}

/** Non-cumulative bucket counts for one histogram series; `observe` is a short scan, no hashing. */
export class HistogramCells {
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;
  /** The series' labels, frozen and kept while they stay the same: formatted once by the writer. */
  private labels: Readonly<Labels> = NO_LABELS;
  private labelCount = 0;

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
    const shared = this.sharedLabels(labels);
    const bucketName = `${definition.name}_bucket`;
    const les = bucketLabels(this.bounds);
    const samples: FamilySample[] = [];
    let cumulative = 0;
    for (let index = 0; index < this.bounds.length; index++) {
      cumulative += this.counts[index];
      samples.push({
        metricName: bucketName,
        labels: les[index],
        sharedLabels: shared,
        value: cumulative,
      });
    }
    samples.push(
      {
        metricName: bucketName,
        labels: les[this.bounds.length],
        sharedLabels: shared,
        value: this.count,
      },
      {
        metricName: `${definition.name}_sum`,
        labels: NO_LABELS,
        sharedLabels: shared,
        value: this.sum,
      },
      {
        metricName: `${definition.name}_count`,
        labels: NO_LABELS,
        sharedLabels: shared,
        value: this.count,
      },
    );
    return samples;
  }

  private sharedLabels(labels: Record<string, string>): Readonly<Labels> {
    let count = 0;
    for (const name in labels) {
      if (this.labels[name] !== labels[name]) return this.keep(labels);
      count++;
    }
    return count === this.labelCount ? this.labels : this.keep(labels);
  }

  private keep(labels: Record<string, string>): Readonly<Labels> {
    this.labels = Object.freeze({ ...labels });
    this.labelCount = Object.keys(labels).length;
    return this.labels;
  }
}

/**
 * One definition per metric: name, type, help, labels and (for histograms) buckets. Providers,
 * docs and tests are all derived from these objects, so nothing restates a metric by hand.
 */
interface MetricDefinitionBase<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
}

export interface CounterDefinition<L extends string = string> extends MetricDefinitionBase<L> {
  readonly type: 'counter';
}

export interface GaugeDefinition<L extends string = string> extends MetricDefinitionBase<L> {
  readonly type: 'gauge';
}

export interface HistogramDefinition<L extends string = string> extends MetricDefinitionBase<L> {
  readonly type: 'histogram';
  readonly buckets: readonly number[];
}

export type MetricDefinition = CounterDefinition | GaugeDefinition | HistogramDefinition;

type Spec<D> = Omit<D, 'type' | 'labelNames'> & {
  labelNames?: D extends { labelNames: infer N } ? N : never;
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checked<D extends MetricDefinition>(definition: D): D {
  if (!METRIC_NAME.test(definition.name))
    throw new Error(`invalid metric name "${definition.name}"`);
  if (definition.name === 'up')
    throw new Error('a metric named "up" collides with Prometheus\'s own');
  if (definition.type === 'counter' && !definition.name.endsWith('_total')) {
    throw new Error(`counter "${definition.name}" must end in _total`);
  }
  for (const label of definition.labelNames) {
    if (!LABEL_NAME.test(label) || label.startsWith('__')) {
      throw new Error(`metric "${definition.name}" has an invalid label name "${label}"`);
    }
  }
  return Object.freeze(definition);
}

export const defineCounter = <L extends string = never>(
  spec: Spec<CounterDefinition<L>>,
): CounterDefinition<L> =>
  checked({ labelNames: [], ...spec, type: 'counter' } as CounterDefinition<L>);

export const defineGauge = <L extends string = never>(
  spec: Spec<GaugeDefinition<L>>,
): GaugeDefinition<L> => checked({ labelNames: [], ...spec, type: 'gauge' } as GaugeDefinition<L>);

export const defineHistogram = <L extends string = never>(
  spec: Spec<HistogramDefinition<L>>,
): HistogramDefinition<L> =>
  checked({ labelNames: [], ...spec, type: 'histogram' } as HistogramDefinition<L>);

/** Bucket sets chosen around what we care about (see docs/METRICS_GUIDE.md). */
export const BUCKETS = {
  /** In-process work and fast HTTP: 0.1 ms … 10 s. */
  fastSeconds: [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
  ],
  /** Database queries: 0.1 ms … 5 s. */
  querySeconds: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  /** Payload sizes: 64 B … 8 MiB. */
  bytes: [64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 8388608],
} as const;

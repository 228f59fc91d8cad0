import { Provider } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import { Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.constants';
import type {
  CounterDefinition,
  GaugeDefinition,
  HistogramDefinition,
  MetricDefinition,
} from './metric-definition';

export type MetricFor<D> =
  D extends CounterDefinition<infer L>
    ? Counter<L>
    : D extends GaugeDefinition<infer L>
      ? Gauge<L>
      : D extends HistogramDefinition<infer L>
        ? Histogram<L>
        : never;

function construct(registry: Registry, definition: MetricDefinition): Metric {
  const common = {
    name: definition.name,
    help: definition.help,
    labelNames: [...definition.labelNames],
    registers: [registry],
  };
  switch (definition.type) {
    case 'counter':
      return new Counter(common);
    case 'gauge':
      return new Gauge(common);
    case 'histogram':
      return new Histogram({ ...common, buckets: [...definition.buckets] });
  }
}

/** Get-or-create in the given registry, so two modules declaring one definition share one metric. */
export function metricFromDefinition<D extends MetricDefinition>(
  registry: Registry,
  definition: D,
): MetricFor<D> {
  const existing = registry.getSingleMetric(definition.name);
  if (existing) {
    const existingType = (existing as unknown as { type?: string }).type;
    if (existingType !== definition.type) {
      throw new Error(`metric "${definition.name}" is already registered as a ${existingType}`);
    }
    return existing as MetricFor<D>;
  }
  return construct(registry, definition) as MetricFor<D>;
}

/** Nest providers for the definitions, injectable with `@InjectMetric(name)`. */
export function metricProviders(definitions: readonly MetricDefinition[]): Provider[] {
  return definitions.map((definition) => ({
    provide: getToken(definition.name),
    useFactory: (registry: Registry) => metricFromDefinition(registry, definition),
    inject: [METRICS_REGISTRY],
  }));
}

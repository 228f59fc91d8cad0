import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { defineHistogram } from '../metric-definition';
import { CollectedFamily, HistogramCells } from './collected-family';
import { renderPrometheusText } from './prometheus-text';

const LATENCY = defineHistogram({
  name: 'collected_latency_seconds',
  help: 'Collected.',
  labelNames: ['route'],
  buckets: [0.1, 1],
});

/** Every kind of family and sample the app exposes, with the awkward values included. */
function populatedRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = new Counter({
    name: 'jobs_total',
    help: 'Jobs with a back\\slash and a\nnew line in the help.',
    labelNames: ['kind', 'note'],
    registers: [registry],
  });
  counter.inc({ kind: 'a', note: 'plain' });
  counter.inc({ kind: 'b', note: 'quote " back\\slash \n newline' }, 2.5);
  counter.inc({ kind: 'c', note: 'x' }, 0);
  new Counter({ name: 'untouched_total', help: 'Never incremented.', registers: [registry] });
  const gauge = new Gauge({
    name: 'level',
    help: 'A level.',
    labelNames: ['side'],
    registers: [registry],
  });
  gauge.set({ side: 'up' }, Infinity);
  gauge.set({ side: 'down' }, -Infinity);
  gauge.set({ side: 'none' }, NaN);
  gauge.set({ side: 'tiny' }, 1e-21);
  const histogram = new Histogram({
    name: 'op_seconds',
    help: 'Ops.',
    labelNames: ['op', 'outcome'],
    buckets: [0.001, 0.5, 10],
    registers: [registry],
  });
  histogram.observe({ op: 'read', outcome: 'success' }, 0.2);
  histogram.observe({ op: 'write', outcome: 'failure' }, 20);
  histogram.observe({ op: 'quote " back\\slash \n newline', outcome: 'success' }, 0.7);
  // One label object kept by two histograms' series (the writer caches line starts per object).
  const shared = { op: 'shared', outcome: 'success' };
  histogram.observe(shared, 0.3);
  new Histogram({
    name: 'op_bytes',
    help: 'Sizes.',
    labelNames: ['op', 'outcome'],
    buckets: [100],
    registers: [registry],
  }).observe(shared, 50);
  new Histogram({ name: 'plain_seconds', help: 'No labels.', registers: [registry] }).observe(3);
  const summary = new Summary({
    name: 'sizes',
    help: 'S.',
    percentiles: [0.5],
    registers: [registry],
  });
  summary.observe(4);
  const cells = new HistogramCells(LATENCY.buckets);
  cells.observe(0.3);
  new CollectedFamily(LATENCY, () => cells.samples(LATENCY, { route: '/a/:id' })).registerIn(
    registry,
  );
  return registry;
}

const withoutDefaults = (registry: Registry): Registry => {
  for (const metric of registry.getMetricsAsArray()) {
    const { name } = metric as unknown as { name: string };
    if (/^(process|nodejs)_/.test(name)) registry.removeSingleMetric(name);
  }
  return registry;
};

describe('renderPrometheusText', () => {
  it('writes byte for byte what prom-client writes, escaping and special values included', async () => {
    const registry = withoutDefaults(populatedRegistry());
    const ours = await renderPrometheusText(registry);
    expect(ours).toBe(await registry.metrics());
    expect(ours).toContain('jobs_total{kind="b",note="quote \\" back\\\\slash \\n newline"} 2.5');
    expect(ours).toContain('op_seconds_bucket{le="0.5",op="read",outcome="success"} 1');
    expect(ours).toContain('level{side="none"} Nan');
    expect(ours).toContain('collected_latency_seconds_bucket{le="1",route="/a/:id"} 1');
    expect(ours).toContain(
      'op_seconds_bucket{le="10",op="quote \\" back\\\\slash \\n newline",outcome="success"} 1',
    );
    expect(ours).toContain('op_seconds_bucket{le="0.5",op="shared",outcome="success"} 1');
    expect(ours).toContain('op_bytes_bucket{le="100",op="shared",outcome="success"} 1');
  });

  it('stays identical scrape after scrape as series and values change', async () => {
    const registry = withoutDefaults(populatedRegistry());
    await renderPrometheusText(registry);
    const histogram = registry.getSingleMetric('op_seconds') as Histogram<string>;
    histogram.observe({ op: 'read', outcome: 'success' }, 0.0005);
    histogram.observe({ op: 'scan', outcome: 'success' }, 1);
    const ours = await renderPrometheusText(registry);
    expect(ours).toBe(await registry.metrics());
    expect(ours).toContain('op_seconds_count{op="read",outcome="success"} 2');
    expect(ours).toContain('op_seconds_sum{op="scan",outcome="success"} 1');
  });

  it('follows a collected histogram series whose labels change', async () => {
    const registry = new Registry();
    const cells = new HistogramCells(LATENCY.buckets);
    let route = '/a';
    new CollectedFamily(LATENCY, () => cells.samples(LATENCY, { route })).registerIn(registry);
    cells.observe(0.5);
    expect(await renderPrometheusText(registry)).toBe(await registry.metrics());
    route = '/b';
    const ours = await renderPrometheusText(registry);
    expect(ours).toBe(await registry.metrics());
    expect(ours).toContain('collected_latency_seconds_bucket{le="1",route="/b"} 1');
    expect(ours).not.toContain('/a');
  });

  it("renders prom-client's default metrics with the same lines (values move between renders)", async () => {
    const registry = populatedRegistry();
    const shape = (text: string) => text.replace(/ \S+$/gm, ' <value>');
    expect(shape(await renderPrometheusText(registry))).toBe(shape(await registry.metrics()));
  });

  it('leaves a registry with default labels to prom-client', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ instance: 'one' });
    new Gauge({ name: 'level', help: 'A level.', registers: [registry] }).set(1);
    expect(await renderPrometheusText(registry)).toBe(await registry.metrics());
    expect(await renderPrometheusText(registry)).toContain('level{instance="one"} 1');
  });
});

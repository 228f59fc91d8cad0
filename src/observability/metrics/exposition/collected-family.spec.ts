import { Registry } from 'prom-client';
import { defineCounter, defineHistogram } from '../metric-definition';
import { CollectedFamily, HistogramCells } from './collected-family';

const LATENCY = defineHistogram({
  name: 'latency_seconds',
  help: 'h',
  labelNames: ['route'],
  buckets: [0.1, 1],
});

describe('HistogramCells', () => {
  it('counts a value equal to a bound in that bucket (le) and renders cumulative buckets', () => {
    const cells = new HistogramCells(LATENCY.buckets);
    for (const value of [0.05, 0.1, 0.5, 1, 7]) cells.observe(value);
    const samples = cells.samples(LATENCY, { route: '/a' });
    expect(samples.map((s) => [s.metricName, s.labels.le ?? '', s.value])).toEqual([
      ['latency_seconds_bucket', 0.1, 2],
      ['latency_seconds_bucket', 1, 4],
      ['latency_seconds_bucket', '+Inf', 5],
      ['latency_seconds_sum', '', 8.65],
      ['latency_seconds_count', '', 5],
    ]);
  });
});

describe('CollectedFamily', () => {
  it('renders through the registry like a prom-client metric', async () => {
    const registry = new Registry();
    let value = 3;
    new CollectedFamily(
      defineCounter({ name: 'jobs_total', help: 'Jobs.', labelNames: ['kind'] }),
      () => [{ labels: { kind: 'a' }, value }],
    ).registerIn(registry);
    expect(await registry.metrics()).toBe(
      '# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total{kind="a"} 3\n',
    );
    value = 4;
    expect(await registry.metrics()).toContain('jobs_total{kind="a"} 4');
  });

  it('gives JSON readers each histogram sample with all its labels, as prom-client does', async () => {
    const registry = new Registry();
    const cells = new HistogramCells(LATENCY.buckets);
    cells.observe(0.5);
    new CollectedFamily(LATENCY, () => cells.samples(LATENCY, { route: '/a' })).registerIn(
      registry,
    );
    const [family] = await registry.getMetricsAsJSON();
    expect(family.values.map((sample) => sample.labels)).toEqual([
      { le: 0.1, route: '/a' },
      { le: 1, route: '/a' },
      { le: '+Inf', route: '/a' },
      { route: '/a' },
      { route: '/a' },
    ]);
  });
});

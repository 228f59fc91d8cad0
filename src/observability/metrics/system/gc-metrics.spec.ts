import { Test, TestingModule } from '@nestjs/testing';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics.constants';
import { MetricsModule } from '../metrics.module';

const NAME = 'nodejs_gc_duration_seconds';

/** Collections the test sees itself: every entry, and how many callbacks brought them. */
class GcWitness {
  entries = 0;
  callbacks = 0;
  seconds = 0;
  private readonly observer = new PerformanceObserver((list) => {
    this.callbacks++;
    for (const entry of list.getEntries()) {
      this.entries++;
      this.seconds += entry.duration / 1000;
    }
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/** Many young-generation collections in one synchronous stretch: Node reports them in one batch. */
function collectionBurst(): number {
  let kept: { n: number; text: string }[] = [];
  let sink = 0;
  for (let i = 0; i < 4_000_000; i++) {
    kept.push({ n: i, text: `x${i}` });
    if (kept.length > 50_000) {
      sink += kept.length;
      kept = [];
    }
  }
  return sink;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

async function gcCount(
  registry: Registry,
): Promise<{ count: number; sum: number; families: number }> {
  const families = (await registry.getMetricsAsJSON()).filter((m) => m.name === NAME);
  const values = (families[0]?.values ?? []) as { metricName?: string; value: number }[];
  const total = (suffix: string) =>
    values.filter((v) => v.metricName === `${NAME}${suffix}`).reduce((a, v) => a + v.value, 0);
  return { count: total('_count'), sum: total('_sum'), families: families.length };
}

describe('GcMetrics', () => {
  let moduleRef: TestingModule;
  let registry: Registry;

  beforeEach(async () => {
    moduleRef = await Test.createTestingModule({ imports: [MetricsModule.forRoot({})] }).compile();
    await moduleRef.init();
    registry = moduleRef.get(METRICS_REGISTRY);
  });

  afterEach(() => moduleRef.close());

  it('counts every collection, also those Node reports together in one batch', async () => {
    await settle();
    const before = await gcCount(registry);
    const witness = new GcWitness();
    expect(collectionBurst()).toBeGreaterThan(0);
    await settle();
    witness.stop();
    const after = await gcCount(registry);

    // The burst did produce batches: recording only each batch's first entry would miss some.
    expect(witness.entries).toBeGreaterThan(witness.callbacks);
    expect(after.families).toBe(1);
    expect(after.count - before.count).toBe(witness.entries);
    expect(after.sum - before.sum).toBeCloseTo(witness.seconds, 6);
  });

  it('labels collections by kind and stops observing when the app closes', async () => {
    collectionBurst();
    await settle();
    const kinds = (
      (await registry.getSingleMetric(NAME)!.get()).values as {
        labels: { kind?: string };
      }[]
    ).map((v) => v.labels.kind);
    expect(new Set(kinds)).toContain('minor');
    expect(kinds.every((kind) => ['minor', 'major', 'incremental', 'weakcb'].includes(kind!))).toBe(
      true,
    );

    await moduleRef.close();
    const closed = await gcCount(registry);
    collectionBurst();
    await settle();
    expect((await gcCount(registry)).count).toBe(closed.count);
  });
});

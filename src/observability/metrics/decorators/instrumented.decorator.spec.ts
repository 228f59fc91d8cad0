import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { defineCounter, defineHistogram } from '../metric-definition';
import { METRICS_REGISTRY } from '../metrics.constants';
import { MetricsModule } from '../metrics.module';
import { Counted, Timed } from './instrumented.decorator';

const WORK_SECONDS = defineHistogram({
  name: 'test_work_duration_seconds',
  help: 'test',
  labelNames: ['kind', 'outcome'],
  buckets: [0.001, 0.01, 0.1, 1],
});
const WORK_TOTAL = defineCounter({
  name: 'test_work_total',
  help: 'test',
  labelNames: ['kind', 'outcome'],
});

@Injectable()
class Worker {
  readonly kind = 'batch';

  @Timed(WORK_SECONDS, { labels: (self: Worker) => ({ kind: self.kind }) })
  @Counted(WORK_TOTAL, { labels: (self: Worker) => ({ kind: self.kind }) })
  @SetMetadata('role', 'worker')
  add(a: number, b: number): number {
    if (a < 0) throw new Error('negative');
    return a + b + (this.kind === 'batch' ? 0 : 1000);
  }

  @Timed(WORK_SECONDS, { labels: { kind: 'async' } })
  @Counted(WORK_TOTAL, { labels: { kind: 'async' } })
  async later(fail: boolean): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail) throw new Error('failed later');
    return this.kind;
  }
}

@Injectable()
class Caller {
  constructor(
    readonly worker: Worker,
    @Inject(METRICS_REGISTRY) readonly registry: Registry,
  ) {}
}

async function build(enabled: boolean) {
  const moduleRef = await Test.createTestingModule({
    imports: [MetricsModule.forRoot({ enabled, defaultMetrics: false })],
    providers: [Worker, Caller],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(Caller);
}

type Value = { metricName?: string; labels: Record<string, string | number>; value: number };
const valuesOf = async (registry: Registry, name: string): Promise<Value[]> =>
  ((await registry.getSingleMetric(name)?.get())?.values ?? []) as Value[];

async function sample(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const found = (await valuesOf(registry, name)).find(
    (v) =>
      v.labels &&
      Object.entries(labels).every(([k, l]) => v.labels[k] === l) &&
      !('le' in v.labels),
  );
  return found?.value ?? 0;
}

describe('@Timed and @Counted', () => {
  it('record sync calls on success and failure, keeping this, the result and metadata', async () => {
    const { worker, registry } = await build(true);
    expect(worker.add(2, 3)).toBe(5);
    expect(() => worker.add(-1, 3)).toThrow('negative');
    expect(await sample(registry, 'test_work_total', { kind: 'batch', outcome: 'success' })).toBe(
      1,
    );
    expect(await sample(registry, 'test_work_total', { kind: 'batch', outcome: 'failure' })).toBe(
      1,
    );
    const counts = (await valuesOf(registry, 'test_work_duration_seconds')).filter(
      (v) => v.metricName === 'test_work_duration_seconds_count',
    );
    expect(counts.map((v) => [v.labels.outcome, v.value]).sort()).toEqual([
      ['failure', 1],
      ['success', 1],
    ]);
    expect(Reflect.getMetadata('role', worker.add)).toBe('worker');
    expect(worker.add.name).toBe('add');
  });

  it('record async calls when they settle', async () => {
    const { worker, registry } = await build(true);
    await expect(worker.later(false)).resolves.toBe('batch');
    await expect(worker.later(true)).rejects.toThrow('failed later');
    expect(await sample(registry, 'test_work_total', { kind: 'async', outcome: 'success' })).toBe(
      1,
    );
    expect(await sample(registry, 'test_work_total', { kind: 'async', outcome: 'failure' })).toBe(
      1,
    );
    const sum = (await valuesOf(registry, 'test_work_duration_seconds')).find(
      (v) => v.metricName === 'test_work_duration_seconds_sum' && v.labels.outcome === 'success',
    );
    expect(sum?.value).toBeGreaterThanOrEqual(0.004);
  });

  it('leave methods untouched when metrics are disabled', async () => {
    const { worker, registry } = await build(false);
    expect(worker.add(1, 1)).toBe(2);
    expect(Object.prototype.hasOwnProperty.call(worker, 'add')).toBe(false);
    expect(await sample(registry, 'test_work_total', { kind: 'batch', outcome: 'success' })).toBe(
      0,
    );
  });
});

import { Test } from '@nestjs/testing';
import { HealthCheckService, HealthIndicatorResult, TerminusModule } from '@nestjs/terminus';
import { Gauge, Registry } from 'prom-client';
import { MetricsExposition } from '../metrics/exposition/metrics-exposition.service';
import type { ResolvedMetricsOptions } from '../metrics/metrics-options.interface';
import { HealthIndicatorRegistry } from './health-indicator.registry';
import { HealthStatusService } from './health-status.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HealthStatusService', () => {
  let registry: Registry;
  let exposition: MetricsExposition;
  let indicators: HealthIndicatorRegistry;
  let service: HealthStatusService;
  const runs: Record<string, number> = {};
  let databaseUp = true;

  /** An indicator counting its runs; `up` says what it answers. */
  const counted = (name: string, up: () => boolean, reuseForScrapesMs?: number) => ({
    name,
    probes: ['readiness'] as const,
    reuseForScrapesMs,
    check: async (): Promise<HealthIndicatorResult> => {
      runs[name] = (runs[name] ?? 0) + 1;
      return { [name]: { status: up() ? 'up' : 'down' } };
    },
  });
  const scrape = async () => {
    await exposition.render(undefined);
    const gauge = registry.getSingleMetric('health_indicator_status') as Gauge<string>;
    const values = (await gauge.get()).values;
    return Object.fromEntries(values.map((sample) => [sample.labels.indicator, sample.value]));
  };

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
    }).compile();
    registry = new Registry();
    exposition = new MetricsExposition(registry, {} as ResolvedMetricsOptions);
    indicators = new HealthIndicatorRegistry();
    const status = new Gauge({
      name: 'health_indicator_status',
      help: 'h',
      labelNames: ['indicator'],
      registers: [registry],
    });
    service = new HealthStatusService(
      moduleRef.get(HealthCheckService),
      indicators,
      exposition,
      status,
    );
    service.onModuleInit();
    for (const name of Object.keys(runs)) delete runs[name];
    databaseUp = true;
  });

  it('reruns cheap checks on every scrape, and reuses a young result of a costly one', async () => {
    indicators.register(counted('broker', () => true));
    indicators.register(counted('database', () => databaseUp, 60_000));
    expect(await scrape()).toEqual({ broker: 1, database: 1 });
    databaseUp = false;
    expect(await scrape()).toEqual({ broker: 1, database: 1 });
    expect(runs).toEqual({ broker: 2, database: 1 });
  });

  it('runs a costly check again once its result is older than allowed', async () => {
    indicators.register(counted('database', () => databaseUp, 30));
    await scrape();
    databaseUp = false;
    await sleep(40);
    expect(await scrape()).toEqual({ database: 0 });
    expect(runs).toEqual({ database: 2 });
  });

  it('always runs the checks for /health, and scrapes then show that result', async () => {
    indicators.register(counted('database', () => databaseUp, 60_000));
    await scrape();
    databaseUp = false;
    await expect(service.check(indicators.forProbe('readiness'))).rejects.toThrow();
    expect(await scrape()).toEqual({ database: 0 });
    databaseUp = true;
    await expect(service.check(indicators.forProbe('readiness'))).resolves.toMatchObject({
      status: 'ok',
    });
    expect(await scrape()).toEqual({ database: 1 });
    expect(runs).toEqual({ database: 3 });
  });
});

/**
 * A Nest provider whose methods come in pairs doing the same thing, plain and instrumented with
 * `@Timed` + `@Counted` (wrapped by the MetricsModule's MethodInstrumenter at init, exactly as in
 * the app), plus the same trivial work timed with `trackDuration`.
 */
import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import type { Histogram, LabelValues, Registry } from 'prom-client';
import {
  BUCKETS,
  Counted,
  defineCounter,
  defineHistogram,
  InjectMetric,
  METRICS_REGISTRY,
  MetricsModule,
  Timed,
  trackDuration,
} from '../../src/observability';
import type {
  SignalDraft,
  Strategy,
  StrategyContext,
  StrategyParameters,
} from '../../src/strategies/strategy.interface';

export const BENCH_DURATION_SECONDS = defineHistogram({
  name: 'bench_strategy_evaluation_duration_seconds',
  help: 'Benchmark: @Timed calls, by strategy and outcome.',
  labelNames: ['strategy', 'outcome'],
  buckets: BUCKETS.fastSeconds,
});

export const BENCH_CALLS_TOTAL = defineCounter({
  name: 'bench_strategy_evaluations_total',
  help: 'Benchmark: @Counted calls, by strategy and outcome.',
  labelNames: ['strategy', 'outcome'],
});

export const BENCH_TRACKED_SECONDS = defineHistogram({
  name: 'bench_tracked_duration_seconds',
  help: 'Benchmark: trackDuration calls, by strategy and outcome.',
  labelNames: ['strategy', 'outcome'],
  buckets: BUCKETS.fastSeconds,
});

/** The `strategy` label value of the trivial methods. */
export const TRIVIAL_LABEL = 'trivial-add';

const strategyLabels = (_self: InstrumentedRunner, args: unknown[]): LabelValues<string> => ({
  strategy: (args[0] as Strategy).name,
});
const trivialLabels = (): LabelValues<string> => ({ strategy: TRIVIAL_LABEL });

@Injectable()
export class InstrumentedRunner {
  constructor(
    @InjectMetric(BENCH_TRACKED_SECONDS.name) private readonly tracked: Histogram<string>,
  ) {}

  evaluatePlain(
    strategy: Strategy,
    context: StrategyContext,
    parameters: StrategyParameters,
  ): SignalDraft {
    return strategy.evaluate(context, parameters);
  }

  @Timed(BENCH_DURATION_SECONDS, { labels: strategyLabels })
  @Counted(BENCH_CALLS_TOTAL, { labels: strategyLabels })
  evaluateInstrumented(
    strategy: Strategy,
    context: StrategyContext,
    parameters: StrategyParameters,
  ): SignalDraft {
    return strategy.evaluate(context, parameters);
  }

  addPlain(a: number, b: number): number {
    return a + b;
  }

  @Timed(BENCH_DURATION_SECONDS, { labels: trivialLabels })
  @Counted(BENCH_CALLS_TOTAL, { labels: trivialLabels })
  addInstrumented(a: number, b: number): number {
    return a + b;
  }

  addTracked(a: number, b: number): number {
    return trackDuration(this.tracked, trivialLabels(), () => a + b);
  }
}

export interface RunnerApp {
  runner: InstrumentedRunner;
  registry: Registry;
  close(): Promise<void>;
}

/** A testing module with the metrics suite enabled (no default metrics) and the runner. */
export async function startRunnerApp(): Promise<RunnerApp> {
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [
      MetricsModule.forRoot({ enabled: true, defaultMetrics: false }),
      MetricsModule.forFeature([BENCH_TRACKED_SECONDS]),
    ],
    providers: [InstrumentedRunner],
  }).compile();
  await moduleRef.init();
  const runner = moduleRef.get(InstrumentedRunner);
  assertWrapped(runner);
  return {
    runner,
    registry: moduleRef.get<Registry>(METRICS_REGISTRY),
    close: () => moduleRef.close(),
  };
}

/** The instrumenter wraps decorated methods on the instance, and leaves the plain ones alone. */
function assertWrapped(runner: InstrumentedRunner): void {
  const own = (name: keyof InstrumentedRunner) =>
    Object.prototype.hasOwnProperty.call(runner, name);
  const expected = {
    evaluateInstrumented: true,
    addInstrumented: true,
    evaluatePlain: false,
    addPlain: false,
    addTracked: false,
  } as const;
  for (const [name, wrapped] of Object.entries(expected)) {
    if (own(name as keyof InstrumentedRunner) !== wrapped) {
      throw new Error(`${name} is ${wrapped ? 'not ' : ''}wrapped by the MethodInstrumenter`);
    }
  }
}

type Sample = { metricName?: string; labels: Record<string, string | number>; value: number };

/**
 * The sum of a metric's samples whose `strategy` label matches (for a histogram: its `_count`
 * samples), by `outcome`.
 */
export async function recordedCalls(
  registry: Registry,
  name: string,
  strategyMatches: (strategy: string) => boolean,
): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  const samples = (await metric.get()).values as Sample[];
  const byOutcome: Record<string, number> = {};
  for (const sample of samples) {
    if (sample.metricName !== undefined && !sample.metricName.endsWith('_count')) continue;
    if (!strategyMatches(String(sample.labels.strategy))) continue;
    const outcome = String(sample.labels.outcome);
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + sample.value;
  }
  return byOutcome;
}

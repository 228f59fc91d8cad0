/**
 * What the built-in strategies cost in CPU, and what `@Timed` + `@Counted` add to a call: all in
 * this process, no database. Each strategy is evaluated on its default parameters over windows of
 * requiredBars + 20 bars sliding over the deterministic simulated market, through a Nest provider
 * whose plain and decorated methods do the same thing (the decorated one wrapped by the metrics
 * suite's MethodInstrumenter, as in the app). Variants alternate round by round (AB, BA, …) and are
 * compared as paired per-round ratios of CPU time per call — see /work/shared/PERFORMANCE.md.
 *
 *   npm run bench:strategies -- [--rounds 40] [--slice-ms 100] [--warmup-ms 300] [--part all]
 *     [--history-minutes 4000] [--extra-bars 20] [--seed 42] [--core 1]
 *
 * --part strategies|calls runs one half only (e.g. under `node --cpu-prof`).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILT_IN_STRATEGIES } from '../src/strategies/built-in';
import {
  BENCH_CALLS_TOTAL,
  BENCH_DURATION_SECONDS,
  BENCH_TRACKED_SECONDS,
  InstrumentedRunner,
  recordedCalls,
  RunnerApp,
  startRunnerApp,
  TRIVIAL_LABEL,
} from './lib/instrumented-runner';
import { callsPerCpuSecond, compare, Harness, Round, Workload } from './lib/paired-rounds';
import { gitState, writeJsonResult } from './lib/result-file';
import { pinToCore } from './lib/server';
import { spread } from './lib/stats';
import { directionsOf, marketSeries, StrategyCase, strategyCase } from './lib/strategy-contexts';
import {
  CALL_KEYS,
  CallResult,
  callGoalLines,
  callTable,
  fixed,
  StrategyResult,
  strategyPairedTable,
  strategyThroughputTable,
  warnOffCore,
} from './lib/strategies-report';
import { verdict } from './lib/summary';

const REPO_ROOT = resolve(__dirname, '..');
const RESULTS_DIR = join(__dirname, 'results');
/** The goal: @Timed + @Counted together add at most 2 µs of CPU per call. */
const GOAL_ADDED_NANOS = 2000;
const SYMBOLS = ['AAPL', 'NVDA', 'TSLA'] as const;
const MARKET_NOW = new Date('2026-03-02T21:00:00Z');

type Part = 'all' | 'strategies' | 'calls';

interface Options {
  rounds: number;
  sliceMs: number;
  warmupMs: number;
  historyMinutes: number;
  extraBars: number;
  seed: number;
  core: number;
  part: Part;
}

const USAGE =
  'usage: bench/strategies.bench.ts [--rounds 40] [--slice-ms 100] [--warmup-ms 300] ' +
  '[--history-minutes 4000] [--extra-bars 20] [--seed 42] [--core 1] [--part all|strategies|calls]';

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string', default: '40' },
      'slice-ms': { type: 'string', default: '100' },
      'warmup-ms': { type: 'string', default: '300' },
      'history-minutes': { type: 'string', default: '4000' },
      'extra-bars': { type: 'string', default: '20' },
      seed: { type: 'string', default: '42' },
      core: { type: 'string', default: '1' },
      part: { type: 'string', default: 'all' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!['all', 'strategies', 'calls'].includes(values.part)) {
    throw new Error(`--part must be all, strategies or calls, not "${values.part}"\n${USAGE}`);
  }
  return {
    rounds: integer('--rounds', values.rounds, 1),
    sliceMs: integer('--slice-ms', values['slice-ms'], 1),
    warmupMs: integer('--warmup-ms', values['warmup-ms'], 1),
    historyMinutes: integer('--history-minutes', values['history-minutes'], 1),
    extraBars: integer('--extra-bars', values['extra-bars'], 0),
    seed: integer('--seed', values.seed, 0),
    core: integer('--core', values.core, 0),
    part: values.part as Part,
  };
}

function integer(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${flag} must be an integer ≥ ${min}, not "${raw}"\n${USAGE}`);
  }
  return value;
}

/** Pins every thread of this process to `core` and checks that it took. */
function pinProcess(core: number): void {
  if (core >= availableParallelism()) {
    throw new Error(`--core ${core}: this machine has cores 0–${availableParallelism() - 1}`);
  }
  pinToCore(process.pid, core);
  const allowed = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  if (allowed?.[1] !== String(core)) {
    throw new Error(`pinning failed: this process runs on cores ${allowed?.[1] ?? '?'}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Workloads. Each variant has its own loop (its own call site), and every loop folds the
// results into a number the harness keeps and prints, so nothing can be optimised away.

type EvaluationLoop = (from: number, iterations: number) => number;

function plainEvaluations(runner: InstrumentedRunner, c: StrategyCase): EvaluationLoop {
  const { strategy, parameters, contexts } = c;
  return (from, iterations) => {
    let sink = 0;
    for (let i = 0; i < iterations; i++) {
      const context = contexts[(from + i) % contexts.length];
      const signal = runner.evaluatePlain(strategy, context, parameters);
      sink += signal.confidence + signal.reason.length;
    }
    return sink;
  };
}

function instrumentedEvaluations(runner: InstrumentedRunner, c: StrategyCase): EvaluationLoop {
  const { strategy, parameters, contexts } = c;
  return (from, iterations) => {
    let sink = 0;
    for (let i = 0; i < iterations; i++) {
      const context = contexts[(from + i) % contexts.length];
      const signal = runner.evaluateInstrumented(strategy, context, parameters);
      sink += signal.confidence + signal.reason.length;
    }
    return sink;
  };
}

/** Each run carries on where the last one stopped: every evaluation sees the next window. */
function slidingWorkload(key: string, c: StrategyCase, loop: EvaluationLoop): Workload {
  let cursor = 0;
  return {
    key,
    run(iterations) {
      const result = loop(cursor, iterations);
      cursor = (cursor + iterations) % c.contexts.length;
      return result;
    },
  };
}

const plainKey = (name: string) => `${name}:plain`;
const instrumentedKey = (name: string) => `${name}:instrumented`;

function strategyWorkloads(runner: InstrumentedRunner, c: StrategyCase): Workload[] {
  const name = c.strategy.name;
  return [
    slidingWorkload(plainKey(name), c, plainEvaluations(runner, c)),
    slidingWorkload(instrumentedKey(name), c, instrumentedEvaluations(runner, c)),
  ];
}

function callWorkloads(runner: InstrumentedRunner): Workload[] {
  return [
    {
      key: CALL_KEYS.plain,
      run(iterations) {
        let sink = 0;
        for (let i = 0; i < iterations; i++) sink += runner.addPlain(i & 1023, 1);
        return sink;
      },
    },
    {
      key: CALL_KEYS.instrumented,
      run(iterations) {
        let sink = 0;
        for (let i = 0; i < iterations; i++) sink += runner.addInstrumented(i & 1023, 1);
        return sink;
      },
    },
    {
      key: CALL_KEYS.tracked,
      run(iterations) {
        let sink = 0;
        for (let i = 0; i < iterations; i++) sink += runner.addTracked(i & 1023, 1);
        return sink;
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Measuring.

function prepare(
  harness: Harness,
  workloads: readonly Workload[],
  options: Options,
): Record<string, number> {
  for (const workload of workloads) harness.warmUp(workload, options.warmupMs / 1000);
  const iterations: Record<string, number> = {};
  for (const workload of workloads) {
    iterations[workload.key] = harness.calibrate(workload, options.sliceMs / 1000);
  }
  return iterations;
}

function throughput(rounds: readonly Round[], key: string, windowBars: number) {
  const perSecond = rounds.map((round) => callsPerCpuSecond(round.timings[key]));
  return {
    evaluationsPerSecond: spread(perSecond),
    barsPerSecond: spread(perSecond.map((evaluations) => evaluations * windowBars)),
  };
}

function measureStrategies(
  harness: Harness,
  runner: InstrumentedRunner,
  cases: readonly StrategyCase[],
  options: Options,
): StrategyResult[] {
  const workloads = cases.map((c) => strategyWorkloads(runner, c));
  const iterations = prepare(harness, workloads.flat(), options);
  const rounds: Round[][] = cases.map(() => []);
  console.log(`\nrounds (per strategy: CPU time per evaluation, instrumented / plain)`);
  for (let r = 0; r < options.rounds; r++) {
    const ratios = workloads.map((pair, k) => {
      // Rotation r + k: within a round, strategies alternate which variant goes first too.
      const round = harness.round(pair, iterations, r + 1, r + k);
      rounds[k].push(round);
      return fixed(compare([round], pair[1].key, pair[0].key).ratio.median, 3);
    });
    console.log(`  round ${String(r + 1).padStart(3)}/${options.rounds}  ${ratios.join('  ')}`);
  }
  return cases.map((c, k) => {
    const name = c.strategy.name;
    return {
      strategy: name,
      windowBars: c.windowBars,
      contexts: c.contexts.length,
      directions: directionsOf(c),
      iterationsPerSlice: {
        plain: iterations[plainKey(name)],
        instrumented: iterations[instrumentedKey(name)],
      },
      plain: throughput(rounds[k], plainKey(name), c.windowBars),
      instrumented: throughput(rounds[k], instrumentedKey(name), c.windowBars),
      comparison: compare(rounds[k], instrumentedKey(name), plainKey(name)),
      rounds: rounds[k],
    };
  });
}

function measureCalls(harness: Harness, runner: InstrumentedRunner, options: Options): CallResult {
  const workloads = callWorkloads(runner);
  const iterations = prepare(harness, workloads, options);
  const rounds: Round[] = [];
  console.log(
    `\nrounds (trivial add: CPU ns per call, ${workloads.map((w) => w.key).join(' / ')})`,
  );
  for (let r = 0; r < options.rounds; r++) {
    const round = harness.round(workloads, iterations, r + 1, r);
    rounds.push(round);
    const nanos = workloads.map((w) => {
      const timing = round.timings[w.key];
      return fixed((timing.cpuSeconds * 1e9) / timing.iterations, 1);
    });
    console.log(`  round ${String(r + 1).padStart(3)}/${options.rounds}  ${nanos.join('  ')}`);
  }
  const instrumented = compare(rounds, CALL_KEYS.instrumented, CALL_KEYS.plain);
  const tracked = compare(rounds, CALL_KEYS.tracked, CALL_KEYS.plain);
  return {
    iterationsPerSlice: iterations,
    perCall: {
      [CALL_KEYS.plain]: instrumented.baselineNanosPerCall,
      [CALL_KEYS.instrumented]: instrumented.variantNanosPerCall,
      [CALL_KEYS.tracked]: tracked.variantNanosPerCall,
    },
    instrumented,
    tracked,
    verdicts: {
      instrumented: verdict(instrumented.addedNanosPerCall, GOAL_ADDED_NANOS),
      tracked: verdict(tracked.addedNanosPerCall, GOAL_ADDED_NANOS),
    },
    rounds,
  };
}

// ---------------------------------------------------------------------------------------------
// Proof the instrumentation ran: every instrumented call is in the counter and the histogram.

interface InstrumentationCheck {
  metric: string;
  /** Which calls: the strategies' or the trivial method's. */
  of: string;
  calls: number;
  recorded: Record<string, number>;
  ok: boolean;
}

async function checkRecorded(
  app: RunnerApp,
  metric: string,
  calls: number,
  of: 'strategies' | 'trivial add',
): Promise<InstrumentationCheck> {
  const matches = (label: string) => (label === TRIVIAL_LABEL) === (of === 'trivial add');
  const recorded = await recordedCalls(app.registry, metric, matches);
  const ok = recorded.success === calls && Object.keys(recorded).length === 1;
  return { metric, of, calls, recorded, ok };
}

async function instrumentationChecks(
  app: RunnerApp,
  harness: Harness,
  strategies: readonly StrategyResult[],
  calls: CallResult | undefined,
): Promise<InstrumentationCheck[]> {
  const checks: InstrumentationCheck[] = [];
  const strategyCalls = strategies.reduce(
    (sum, r) => sum + harness.callsOf(instrumentedKey(r.strategy)),
    0,
  );
  for (const metric of [BENCH_CALLS_TOTAL.name, BENCH_DURATION_SECONDS.name]) {
    if (strategies.length > 0) {
      checks.push(await checkRecorded(app, metric, strategyCalls, 'strategies'));
    }
    if (calls) {
      const instrumentedCalls = harness.callsOf(CALL_KEYS.instrumented);
      checks.push(await checkRecorded(app, metric, instrumentedCalls, 'trivial add'));
    }
  }
  if (calls) {
    const trackedCalls = harness.callsOf(CALL_KEYS.tracked);
    checks.push(await checkRecorded(app, BENCH_TRACKED_SECONDS.name, trackedCalls, 'trivial add'));
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------

async function buildCases(options: Options): Promise<StrategyCase[]> {
  const series = await marketSeries({
    seed: options.seed,
    historyMinutes: options.historyMinutes,
    symbols: SYMBOLS,
    now: MARKET_NOW,
  });
  return BUILT_IN_STRATEGIES.map((strategy) =>
    strategyCase(strategy, series, options.extraBars, options.seed),
  );
}

function describeRun(options: Options, cases: readonly StrategyCase[]): string {
  const slices =
    (options.part === 'calls' ? 0 : 2 * cases.length) + (options.part === 'strategies' ? 0 : 3);
  const estimate = (slices * options.rounds * options.sliceMs) / 1000;
  return (
    `Strategy CPU benchmark: process ${process.pid} pinned to core ${options.core} ` +
    `(taskset, all threads); CPU time from process.cpuUsage(). ${options.rounds} rounds × ` +
    `${options.sliceMs} ms per variant, order alternating per round; ~${Math.round(estimate)} s ` +
    `of measured slices.\nMarket: SimulatedMarket seed ${options.seed}, ${SYMBOLS.join(', ')}, ` +
    `${options.historyMinutes} 1-minute bars each; windows of requiredBars + ${options.extraBars} ` +
    `bars slide one bar per evaluation.\n` +
    `"bars/s" = bars in the window × evaluations / CPU seconds (options-flow reads no bars).`
  );
}

function printResults(
  strategies: readonly StrategyResult[],
  calls: CallResult | undefined,
  options: Options,
): void {
  if (strategies.length > 0) {
    console.log(`\nStrategies (medians over ${options.rounds} rounds; CPU time):`);
    console.log(strategyThroughputTable(strategies));
    console.log(`\nWith vs without @Timed + @Counted (paired per round):`);
    console.log(strategyPairedTable(strategies));
    warnOffCore(strategies.flatMap((r) => r.rounds));
  }
  if (calls) {
    console.log(`\nDecorator cost on a trivial method (a + b), CPU ns per call incl. the loop:`);
    console.log(callTable(calls));
    warnOffCore(calls.rounds);
    console.log(`\n${callGoalLines(calls, GOAL_ADDED_NANOS, options.rounds)}`);
  }
}

async function benchmark(options: Options): Promise<boolean> {
  const startedAt = new Date();
  pinProcess(options.core);
  const cases = options.part === 'calls' ? [] : await buildCases(options);
  console.log(describeRun(options, cases));
  const app = await startRunnerApp();
  try {
    const harness = new Harness();
    const strategies =
      options.part === 'calls' ? [] : measureStrategies(harness, app.runner, cases, options);
    const calls =
      options.part === 'strategies' ? undefined : measureCalls(harness, app.runner, options);

    printResults(strategies, calls, options);
    const checks = await instrumentationChecks(app, harness, strategies, calls);
    for (const check of checks) {
      console.log(
        `instrumentation check ${check.ok ? 'ok' : 'FAILED'}: ${check.metric} recorded ` +
          `${JSON.stringify(check.recorded)} for ${check.calls} ${check.of} calls`,
      );
    }
    console.log(`sink (against dead-code elimination): ${harness.sink}`);

    const file = await writeJsonResult(RESULTS_DIR, 'strategies', startedAt, {
      benchmark: 'strategies',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      goal: { addedNanosPerCallAtMost: GOAL_ADDED_NANOS },
      options,
      measure: 'process CPU time (process.cpuUsage: user + system), process pinned to one core',
      machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length },
      git: gitState(REPO_ROOT, ['src', 'bench']),
      strategies,
      calls,
      instrumentationChecks: checks,
      sink: harness.sink,
    });
    console.log(`results: ${file}`);
    return checks.every((check) => check.ok);
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  try {
    return (await benchmark(parseOptions(process.argv.slice(2)))) ? 0 : 1;
  } catch (error) {
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }
}

void main().then((code) => process.exit(code));

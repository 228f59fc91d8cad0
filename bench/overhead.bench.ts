/**
 * The whole instrumentation's cost: the built app with METRICS_ENABLED=true (A: HTTP metrics,
 * @Timed/@Counted, TypeORM query timing, system and default metrics) against METRICS_ENABLED=false
 * (B), under the load benchmark's mixed workload (reads, order submits, strategy evaluations —
 * decorators and database queries, not one cheap route). Each server has its own database in one
 * throw-away PostgreSQL and runs alone on core 1; the load runs in this process on core 0
 * (PostgreSQL too); A and B alternate slice by slice, each slice the same fixed list of requests
 * (per cycle; about `--seconds` of work, counted from the warm-up's throughput), so both variants
 * do the same work and their databases grow alike. That repeats for `--forks` fresh server pairs
 * (new processes, new databases), started without address-space randomisation; the verdict is
 * over the forks' medians, because one pair's processes lean one way for their whole life.
 * Then: /metrics render time on A with every series of the run present, and the decorators' cost
 * per call (bench:strategies --part calls).
 *
 *   npm run bench:overhead -- [--forks 8] [--cycles 5] [--seconds 5] [--requests N]
 *     [--connections 8] [--warmup 5] [--scrapes 200] [--call-rounds 40] [--calibrate]
 *   (--requests sets the slice's request count instead; --call-rounds 0 skips the decorators;
 *   --calibrate runs B with metrics on too: an A/A run, whose ratios are the method's noise)
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { assertBuilt, raiseRiskLimits, REPO_ROOT, RunningApp, startApp } from './lib/app-instance';
import { percentiles, summarizeKinds } from './lib/load-analysis';
import { runMixedLoad } from './lib/mixed-load';
import { WorkloadPlanner } from './lib/mixed-workload';
import { cycleHeader, cycleRow, formatSummary } from './lib/report';
import { gitState, writeJsonResult } from './lib/result-file';
import { ScrapeSampler, windowedScrapeCost } from './lib/scrape-sampler';
import { pinToCore } from './lib/server';
import { medianInterval, spread } from './lib/stats';
import { Cycle, MIN_CYCLES_FOR_VERDICT, Slice, summarize, VariantKey } from './lib/summary';
import { runBenchmark, Teardown, withTimeout } from './lib/teardown';

const RESULTS_DIR = join(__dirname, 'results');
const LOAD_CORE = 0;
const SERVER_CORE = 1;
const GOALS = {
  serverCpuPerRequestRatioAtMost: 1.02,
  throughputRatioAtLeast: 0.98,
  metricsRenderMsAtMost: 10,
  decoratorAddedNanosAtMost: 2000,
};

interface Options {
  /** Fresh server pairs (and databases), each measured for `cycles` cycles. */
  forks: number;
  cycles: number;
  seconds: number;
  /** Requests per slice; 0: what the slower variant answered in `seconds` during the warm-up. */
  requests: number;
  connections: number;
  warmupSeconds: number;
  scrapes: number;
  callRounds: number;
  /** A/A: B runs with metrics on too, so the ratios show the method's own noise. */
  calibrate: boolean;
  logLevel: string;
}

const USAGE =
  'usage: bench/overhead.bench.ts [--forks 8] [--cycles 5] [--seconds 5] [--requests N] [--connections 8] ' +
  '[--warmup 5] [--scrapes 200] [--call-rounds 40] [--calibrate]';

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      forks: { type: 'string', default: '8' },
      cycles: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '5' },
      requests: { type: 'string', default: '0' },
      connections: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '5' },
      scrapes: { type: 'string', default: '200' },
      'call-rounds': { type: 'string', default: '40' },
      calibrate: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    forks: integer('--forks', values.forks, 1),
    cycles: integer('--cycles', values.cycles, 1),
    seconds: integer('--seconds', values.seconds, 1),
    requests: integer('--requests', values.requests, 0),
    connections: integer('--connections', values.connections, 1),
    warmupSeconds: integer('--warmup', values.warmup, 0),
    scrapes: integer('--scrapes', values.scrapes, 1),
    callRounds: integer('--call-rounds', values['call-rounds'], 0),
    calibrate: values.calibrate,
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
}

function integer(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${flag} must be an integer ≥ ${min}, not "${raw}"\n${USAGE}`);
  }
  return value;
}

interface Server {
  key: VariantKey;
  app: RunningApp;
}

function makeWorkDir(teardown: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tradewatch-overhead-'));
  chmodSync(dir, 0o777);
  teardown.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * One PostgreSQL (started from this process, so on the load core); `createPair(fork)` makes a
 * fresh database per variant for each fork.
 */
async function startPostgres(workDir: string, teardown: Teardown) {
  const dataDir = join(workDir, 'pg');
  const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  teardown.add('stop PostgreSQL', async () => {
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      await withTimeout(pg.stop(), 15_000, 'PostgreSQL stop');
    }
  });
  const urlOf = (name: string) => pg.url.replace(/\/postgres$/, `/${name}`);
  return {
    async createPair(fork: number): Promise<Record<VariantKey, string>> {
      const admin = new Client({ connectionString: pg.url });
      await admin.connect();
      try {
        for (const key of ['a', 'b']) await admin.query(`CREATE DATABASE bench_${key}_${fork}`);
      } finally {
        await admin.end();
      }
      return { A: urlOf(`bench_a_${fork}`), B: urlOf(`bench_b_${fork}`) };
    },
  };
}

async function startServer(
  key: VariantKey,
  databaseUrl: string,
  workDir: string,
  options: Options,
  teardown: Teardown,
  fork: number,
  environmentBytes: number,
): Promise<Server> {
  const dataDir = join(workDir, `server-${key}-${fork}`);
  mkdirSync(dataDir);
  const metricsEnabled = key === 'A' || options.calibrate;
  const app = await startApp({
    label: `[${key}]`,
    dataDir,
    core: SERVER_CORE,
    fixedAddresses: true,
    environmentBytes,
    env: {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: options.logLevel,
      METRICS_ENABLED: String(metricsEnabled),
      // Its cycles would land in random slices of either variant: the API carries the work.
      TRADING_INTERVAL_MS: '0',
      INITIAL_CASH: '100000000',
    },
  });
  teardown.add(`stop server ${key}`, () => app.process.stop());
  const metricsStatus = (await fetch(`${app.baseUrl}/metrics`)).status;
  if (metricsStatus !== (metricsEnabled ? 200 : 404)) {
    throw app.process.failure(`answered GET /metrics with ${metricsStatus}`);
  }
  // The daily-loss kill switch would change the workload (sells only) in one variant mid-run.
  await raiseRiskLimits(app, { dailyLossLimit: 1e9 });
  console.log(
    `fork ${fork}: server ${key} (METRICS_ENABLED=${metricsEnabled}) ready: pid ${app.process.pid}, ` +
      `${environmentBytes} bytes of environment`,
  );
  return { key, app };
}

/** A slice may take this many times `--seconds` before it counts as stuck. */
const SLICE_TIME_LIMIT_FACTOR = 10;

/** One variant's slice: the cycle's list of requests, server CPU from /proc. */
async function measureSlice(
  server: Server,
  options: Options,
  cycle: number,
): Promise<Slice & { statuses: Record<string, number> }> {
  const logLinesBefore = server.app.process.outputLines;
  const cpuBefore = server.app.process.cpuSeconds();
  const result = await runMixedLoad({
    baseUrl: server.app.baseUrl,
    token: server.app.token,
    seconds: options.seconds * SLICE_TIME_LIMIT_FACTOR,
    maxRequests: options.requests,
    connections: options.connections,
    planner: new WorkloadPlanner(cycle, `ovh-${server.key}-${Date.now().toString(36)}-${cycle}`),
  });
  if (result.records.length < options.requests) {
    throw server.app.process.failure(
      `sent ${result.records.length} of the slice's ${options.requests} requests in ` +
        `${options.seconds * SLICE_TIME_LIMIT_FACTOR} s`,
    );
  }
  const serverCpuSeconds = server.app.process.cpuSeconds() - cpuBefore;
  const all = summarizeKinds(result.records, result.wallSeconds).at(-1)!;
  const answered = all.requests - all.noAnswer;
  if (answered === 0) throw server.app.process.failure('answered no request in a slice');
  const latency = percentiles(result.records.map((r) => r.latencyMs));
  return {
    variant: server.key,
    requests: answered,
    wallSeconds: result.wallSeconds,
    requestsPerSecond: answered / result.wallSeconds,
    serverCpuSeconds,
    serverCpuMicrosPerRequest: (serverCpuSeconds * 1e6) / answered,
    serverCpuPercent: (serverCpuSeconds / result.wallSeconds) * 100,
    serverLogLines: server.app.process.outputLines - logLinesBefore,
    latencyP50Ms: latency.p50,
    latencyP99Ms: latency.p99,
    statuses: all.statuses,
  };
}

/**
 * The same warm-up on both servers; returns the slice's request count: what the slower one
 * answered in `--seconds` (unless --requests set it).
 */
async function warmUp(servers: Server[], options: Options): Promise<number> {
  if (options.requests === 0 && options.warmupSeconds === 0) {
    throw new Error(`--warmup 0 needs --requests to size the slices\n${USAGE}`);
  }
  const rates: number[] = [];
  for (const server of servers) {
    if (options.warmupSeconds === 0) break;
    const result = await runMixedLoad({
      baseUrl: server.app.baseUrl,
      token: server.app.token,
      seconds: options.warmupSeconds,
      connections: options.connections,
      planner: new WorkloadPlanner(0, `ovh-${server.key}-warm-${Date.now().toString(36)}`),
    });
    rates.push(result.records.length / result.wallSeconds);
  }
  const requests = options.requests || Math.round(Math.min(...rates) * options.seconds);
  console.log(
    `warm-up rates ${rates.map((rate) => rate.toFixed(0)).join(' / ')} req/s → ` +
      `${requests} requests per slice`,
  );
  return requests;
}

/** The fork's cycles, numbered on from `firstNumber` (the number seeds the cycle's requests). */
async function runCycles(
  servers: Record<VariantKey, Server>,
  options: Options,
  firstNumber: number,
  statuses: Record<VariantKey, Record<string, number>>,
): Promise<Cycle[]> {
  console.log(`\n${cycleHeader()}`);
  const cycles: Cycle[] = [];
  for (let index = firstNumber - 1; index < firstNumber - 1 + options.cycles; index++) {
    const order = index % 2 === 0 ? 'AB' : 'BA';
    const slices: Partial<Record<VariantKey, Slice>> = {};
    for (const key of order.split('') as VariantKey[]) {
      const { statuses: sliceStatuses, ...slice } = await measureSlice(
        servers[key],
        options,
        index + 1,
      );
      slices[key] = slice;
      for (const [status, count] of Object.entries(sliceStatuses)) {
        statuses[key][status] = (statuses[key][status] ?? 0) + count;
      }
    }
    const cycle: Cycle = { number: index + 1, order, a: slices.A!, b: slices.B! };
    console.log(cycleRow(cycle));
    cycles.push(cycle);
  }
  return cycles;
}

interface ForkResult {
  fork: number;
  cycles: number;
  cpuRatioMedian: number;
  throughputRatioMedian: number;
}

/**
 * The environment size of a fork's two servers: equal, so that both stacks start at the same
 * address, and drawn anew for each fork (a page's worth of 16-byte alignments), so that the
 * verdict is not the luck of one stack layout (Mytkowicz et al., "Producing wrong data without
 * doing anything obviously wrong!", ASPLOS 2009).
 */
const forkEnvironmentBytes = (): number => 16_384 + randomInt(4096);

/**
 * Fresh server pairs, one after another: each fork starts A and B on new databases, warms them
 * up and measures its cycles. A pair's processes keep how V8 optimised them for the whole fork,
 * and A/A runs of one pair leaned up to 7 % one way, so the verdict comes from the forks'
 * medians, not from the cycles of one pair. The last fork's servers stay up for the render part.
 */
async function runForks(workDir: string, options: Options, teardown: Teardown) {
  const postgres = await startPostgres(workDir, teardown);
  const cycles: Cycle[] = [];
  const forks: ForkResult[] = [];
  const statuses: Record<VariantKey, Record<string, number>> = { A: {}, B: {} };
  let servers: Record<VariantKey, Server> | undefined;
  for (let fork = 1; fork <= options.forks; fork++) {
    if (servers) await Promise.all([servers.A.app.process.stop(), servers.B.app.process.stop()]);
    const urls = await postgres.createPair(fork);
    const environmentBytes = forkEnvironmentBytes();
    const started: Partial<Record<VariantKey, Server>> = {};
    // Odd forks start A first, even forks B: neither variant is always the younger process.
    for (const key of fork % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      started[key] = await startServer(
        key,
        urls[key],
        workDir,
        options,
        teardown,
        fork,
        environmentBytes,
      );
    }
    servers = started as Record<VariantKey, Server>;
    options.requests = await warmUp([servers.A, servers.B], options);
    const forkCycles = await runCycles(servers, options, cycles.length + 1, statuses);
    const forkSummary = summarize(forkCycles);
    forks.push({
      fork,
      cycles: forkCycles.length,
      cpuRatioMedian: forkSummary.serverCpuMicrosPerRequest.pairedRatio.median,
      throughputRatioMedian: forkSummary.requestsPerSecond.pairedRatio.median,
    });
    console.log(
      `fork ${fork}: server CPU/request A/B median ${forks.at(-1)!.cpuRatioMedian.toFixed(3)}, ` +
        `throughput A/B median ${forks.at(-1)!.throughputRatioMedian.toFixed(3)}`,
    );
    cycles.push(...forkCycles);
  }
  return { servers: servers!, cycles, forks, statuses };
}

/**
 * /metrics on an idle A, two ways: steady (sequential scrapes with nothing changed in between, so
 * the scrape-time collectors reuse what they read) and cold (each scrape right after an order
 * fill, so the portfolio and daily P/L gauges read the database again). Both reuse the health
 * indicators' database ping (younger than 5 s), which a scrape every 15 s pays each time.
 * Server CPU from /proc.
 */
async function metricsRenderCost(server: Server, scrapes: number) {
  const sampler = new ScrapeSampler(`${server.app.baseUrl}/metrics`);
  for (let i = 0; i < 10; i++) await sampler.scrape();
  const cpuBefore = server.app.process.cpuSeconds();
  const durations: number[] = [];
  let last;
  for (let i = 0; i < scrapes; i++) {
    last = await sampler.scrape();
    if (last.status !== 200) throw new Error(`a scrape answered ${last.status}`);
    durations.push(last.durationMs);
  }
  const cpuSeconds = server.app.process.cpuSeconds() - cpuBefore;
  const coldScrapes = Math.max(20, Math.round(scrapes / 2));
  const cold = await windowedScrapeCost(
    sampler,
    () => server.app.process.cpuSeconds(),
    coldScrapes,
    (round) => fillOneShare(server.app, round),
  );
  return {
    scrapes,
    series: last!.series,
    bytes: last!.bytes,
    clientWallMs: percentiles(durations),
    serverCpuMsPerScrape: (cpuSeconds * 1000) / scrapes,
    cold: {
      scrapes: coldScrapes,
      clientWallMs: percentiles(cold.durationsMs),
      serverCpuMsPerScrape: cold.serverCpuMsPerScrape,
    },
  };
}

/** A one-share market order (buys and sells alternating) that must fill before it returns. */
async function fillOneShare(app: RunningApp, round: number): Promise<void> {
  const response = await fetch(`${app.baseUrl}/api/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientOrderId: `render-cold-${Date.now().toString(36)}-${round}`,
      symbol: 'AAPL',
      side: round % 2 === 0 ? 'buy' : 'sell',
      quantity: 1,
      type: 'market',
    }),
  });
  const order = (await response.json()) as { status?: string; reason?: string };
  if (response.status !== 201 || order.status !== 'filled') {
    throw new Error(`a cold-scrape order answered ${response.status}: ${JSON.stringify(order)}`);
  }
  // The server's own end of that request (close handlers, logging) stays out of the window.
  await delay(10);
}

/** bench:strategies --part calls, pinned to one core, read back from its result file. */
function decoratorCost(rounds: number): Promise<unknown> {
  const args = ['-r', '@swc-node/register', join(__dirname, 'strategies.bench.ts')];
  // This process (and so the child) may only run on the load core, idle by now.
  args.push('--part', 'calls', '--rounds', String(rounds), '--core', String(LOAD_CORE));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT }, (error, stdout) => {
      process.stdout.write(stdout.replace(/^/gm, '  [calls] '));
      if (error) return reject(error);
      const file = /^results: (.+)$/m.exec(stdout)?.[1];
      if (!file) return reject(new Error('bench:strategies printed no result file'));
      const result = JSON.parse(readFileSync(file, 'utf8')) as {
        calls: { instrumented: { addedNanosPerCall: unknown }; verdicts: unknown };
      };
      resolve({ file, ...result.calls.instrumented, verdicts: result.calls.verdicts });
    });
  });
}

async function benchmark(options: Options, teardown: Teardown): Promise<boolean> {
  const startedAt = new Date();
  assertBuilt();
  if (availableParallelism() < 2) throw new Error('needs 2 CPU cores: server and load');
  pinToCore(process.pid, LOAD_CORE);
  console.log(
    `Instrumentation overhead, mixed workload: ${options.forks} forks × ${options.cycles} cycles × ` +
      `≈ ${options.seconds} s per variant, servers without address-space randomisation, ` +
      `${options.connections} connections; servers on core ${SERVER_CORE}, load and ` +
      `PostgreSQL on core ${LOAD_CORE}. A = METRICS_ENABLED=true, B = ${options.calibrate ? 'true (calibration, A/A)' : 'false'}.`,
  );
  const workDir = makeWorkDir(teardown);
  const { servers, cycles, forks, statuses } = await runForks(workDir, options, teardown);
  const summary = summarize(cycles);
  const decidedByForks = forks.length >= MIN_CYCLES_FOR_VERDICT;
  console.log(
    formatSummary(summary, {
      verdictNote: decidedByForks
        ? `Over all cycles (one fork's cycles share its processes); the verdict is over the forks, below.`
        : undefined,
      method: 'mixed',
      path: `workload (bench/lib/mixed-workload.ts), ${options.requests} requests per slice`,
      seconds: options.seconds,
      connections: options.connections,
      goalRatio: GOALS.serverCpuPerRequestRatioAtMost,
      logLevel: options.logLevel,
      calibration: options.calibrate,
    }),
  );
  console.log(`statuses: A ${JSON.stringify(statuses.A)}, B ${JSON.stringify(statuses.B)}`);
  const { cpu, throughput } = decidedByForks
    ? {
        cpu: spread(forks.map((fork) => fork.cpuRatioMedian)),
        throughput: spread(forks.map((fork) => fork.throughputRatioMedian)),
      }
    : {
        cpu: summary.serverCpuMicrosPerRequest.pairedRatio,
        throughput: summary.requestsPerSecond.pairedRatio,
      };
  const cpuCi = medianInterval(cpu);
  const throughputCi = medianInterval(throughput);
  const basis = decidedByForks
    ? `median of the ${forks.length} forks' medians`
    : `median of the cycles (fewer than ${MIN_CYCLES_FOR_VERDICT} forks: one process pair's ` +
      'interval, narrower than the spread between pairs)';
  console.log(
    `\nserver CPU/request A/B, ${basis}: ${cpu.median.toFixed(3)} (~95 % ${cpuCi.low.toFixed(3)}–` +
      `${cpuCi.high.toFixed(3)}); goal ≤ ${GOALS.serverCpuPerRequestRatioAtMost}\n` +
      `throughput A/B, ${basis}: ${throughput.median.toFixed(3)} (~95 % ` +
      `${throughputCi.low.toFixed(3)}–${throughputCi.high.toFixed(3)}); goal ≥ ` +
      `${GOALS.throughputRatioAtLeast}`,
  );

  const render = await metricsRenderCost(servers.A, options.scrapes);
  console.log(
    `/metrics on A after the run (${render.series} samples, ${(render.bytes / 1024).toFixed(1)} KiB), ` +
      `${render.scrapes} sequential scrapes: server CPU ${render.serverCpuMsPerScrape.toFixed(2)} ms ` +
      `per scrape; client wall p50 ${render.clientWallMs.p50.toFixed(2)} ms, p99 ` +
      `${render.clientWallMs.p99.toFixed(2)} ms, max ${render.clientWallMs.max.toFixed(2)} ms; ` +
      `first scrape after an order fill (${render.cold.scrapes}×, health ping reused): server CPU ` +
      `${render.cold.serverCpuMsPerScrape.toFixed(2)} ms, client wall p50 ` +
      `${render.cold.clientWallMs.p50.toFixed(2)} ms; goal ≤ ${GOALS.metricsRenderMsAtMost} ms`,
  );
  const decorators = options.callRounds > 0 ? await decoratorCost(options.callRounds) : undefined;

  const metricsRender =
    Math.max(render.serverCpuMsPerScrape, render.cold.serverCpuMsPerScrape) <=
    GOALS.metricsRenderMsAtMost;
  // An A/A run measures the method's noise: its ratios are not the instrumentation's cost.
  const verdicts = options.calibrate
    ? { metricsRender }
    : {
        serverCpuPerRequest: cpuCi.high <= GOALS.serverCpuPerRequestRatioAtMost,
        throughput: throughputCi.low >= GOALS.throughputRatioAtLeast,
        metricsRender,
      };
  console.log(`\nverdicts (interval wholly inside the goal): ${JSON.stringify(verdicts)}`);
  const file = await writeJsonResult(RESULTS_DIR, 'overhead', startedAt, {
    benchmark: 'overhead',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { ...options, loadCore: LOAD_CORE, serverCore: SERVER_CORE },
    goals: GOALS,
    verdicts,
    machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length },
    git: gitState(REPO_ROOT, ['src', 'bench']),
    summary,
    forks,
    verdictBasis: basis,
    statuses,
    metricsRender: render,
    decorators,
    cycles,
  });
  console.log(`results: ${file}`);
  return Object.values(verdicts).every(Boolean);
}

runBenchmark((teardown) => benchmark(parseOptions(process.argv.slice(2)), teardown));

/**
 * What the HTTP metrics cost per request: the built app with METRICS_ENABLED=true (A) against the
 * same app with METRICS_ENABLED=false (B), both on one throw-away PostgreSQL. Each server runs
 * alone on CPU core 1, autocannon runs in this process on core 0, and A and B alternate slice by
 * slice (AB, BA, AB, …) so machine drift hits both alike. The figure that matters is the server's
 * own CPU time per request (from /proc/<pid>/stat), compared as paired A/B ratios per cycle — see
 * /work/shared/PERFORMANCE.md.
 *
 *   npm run bench:http -- [--path /api/status] [--cycles 20] [--seconds 3] [--connections 10] [--warmup 1]
 *   BENCH_LOG_LEVEL=info npm run bench:http      # the servers' LOG_LEVEL (default warn)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { assertAllSucceeded, runLoad, stopAllLoads } from './lib/load';
import { cycleHeader, cycleRow, formatSummary, writeResultFile } from './lib/report';
import { clockTicksPerSecond, pinToCore, ServerProcess, statusOf } from './lib/server';
import { Cycle, Slice, summarize, VariantKey } from './lib/summary';
import { runBenchmark, Teardown, withTimeout } from './lib/teardown';

const REPO_ROOT = resolve(__dirname, '..');
const SERVER_ENTRY = join(REPO_ROOT, 'dist', 'main.js');
const RESULTS_DIR = join(__dirname, 'results');
const API_TOKEN = 'bench-token-0123456789abcdef';
const LOAD_CORE = 0;
const SERVER_CORE = 1;
/** The goal: metrics on costs at most 2 % more server CPU per request than metrics off. */
const GOAL_RATIO = 1.02;
const READY_TIMEOUT_MS = 60_000;

interface Variant {
  key: VariantKey;
  metricsEnabled: boolean;
}

const VARIANTS: Record<VariantKey, Variant> = {
  A: { key: 'A', metricsEnabled: true },
  B: { key: 'B', metricsEnabled: false },
};

interface Options {
  path: string;
  cycles: number;
  seconds: number;
  connections: number;
  warmupSeconds: number;
  logLevel: string;
}

interface BenchServer {
  variant: Variant;
  process: ServerProcess;
  baseUrl: string;
}

type Servers = Record<VariantKey, BenchServer>;

const USAGE =
  'usage: bench/http-overhead.bench.ts [--path /api/status] [--cycles 20] [--seconds 3] ' +
  '[--connections 10] [--warmup 1]   (env BENCH_LOG_LEVEL: the servers’ LOG_LEVEL, default warn)';

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      path: { type: 'string', default: '/api/status' },
      cycles: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.path.startsWith('/')) throw new Error(`--path must start with "/": ${values.path}`);
  return {
    path: values.path,
    cycles: positive('--cycles', values.cycles, true),
    seconds: positive('--seconds', values.seconds, false),
    connections: positive('--connections', values.connections, true),
    warmupSeconds: positive('--warmup', values.warmup, false),
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
}

function positive(flag: string, raw: string, integer: boolean): number {
  const value = Number(raw);
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new Error(
      `${flag} must be a positive ${integer ? 'integer' : 'number'}, not "${raw}"\n${USAGE}`,
    );
  }
  return value;
}

/** A temporary directory the `postgres` user can traverse (we may run as root). */
function makeWorkDir(teardown: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tradewatch-bench-'));
  chmodSync(dir, 0o777);
  teardown.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startDatabase(workDir: string, teardown: Teardown): Promise<string> {
  const dataDir = join(workDir, 'pg');
  const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  teardown.add('stop PostgreSQL', async () => {
    // A Ctrl-C in the terminal also reaches postgres, which then stops by itself.
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      await withTimeout(pg.stop(), 15_000, 'PostgreSQL stop');
    }
  });
  console.log(`PostgreSQL ready on 127.0.0.1:${pg.port}`);
  return pg.url;
}

/** Only what the app needs: an exported METRICS_PORT or NODE_OPTIONS must not skew one variant. */
function serverEnv(
  variant: Variant,
  databaseUrl: string,
  port: number,
  dataDir: string,
  options: Options,
) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    API_TOKEN,
    LOG_LEVEL: options.logLevel,
    METRICS_ENABLED: String(variant.metricsEnabled),
    // The trading loop's cycles (strategies, orders, database) would land in random slices of
    // either variant; this benchmark measures the HTTP path only.
    TRADING_INTERVAL_MS: '0',
    // All load comes from one client: the per-client rate limit would answer most of it with 429.
    RATE_LIMIT_PER_MINUTE: '0',
  };
}

async function startServer(
  variant: Variant,
  databaseUrl: string,
  workDir: string,
  options: Options,
  teardown: Teardown,
): Promise<BenchServer> {
  const dataDir = join(workDir, `server-${variant.key}`);
  mkdirSync(dataDir);
  const port = await freePort();
  const server = ServerProcess.start({
    label: `[${variant.key}]`,
    core: SERVER_CORE,
    entry: SERVER_ENTRY,
    // Not the repository: a developer's .env there must not fill in settings.
    cwd: dataDir,
    env: serverEnv(variant, databaseUrl, port, dataDir, options),
  });
  teardown.add(`stop server ${variant.key}`, () => server.stop());
  const baseUrl = `http://127.0.0.1:${port}`;
  await server.waitUntilReady(`${baseUrl}/health/ready`, READY_TIMEOUT_MS);
  server.verify();
  await expectMetricsEndpoint({ variant, process: server, baseUrl });
  console.log(
    `server ${variant.key} (METRICS_ENABLED=${variant.metricsEnabled}) ready: pid ${server.pid}, ` +
      `core ${SERVER_CORE}, ${baseUrl}`,
  );
  return { variant, process: server, baseUrl };
}

/** Guards against a variant silently running with the other's configuration. */
async function expectMetricsEndpoint(server: BenchServer): Promise<void> {
  const expected = server.variant.metricsEnabled ? 200 : 404;
  const actual = await statusOf(`${server.baseUrl}/metrics`);
  if (actual !== expected)
    throw server.process.failure(`answered GET /metrics with ${actual}, not ${expected}`);
}

/** One after the other: each runs the (idempotent) migrations on start. */
async function startServers(
  databaseUrl: string,
  workDir: string,
  options: Options,
  teardown: Teardown,
) {
  const A = await startServer(VARIANTS.A, databaseUrl, workDir, options, teardown);
  const B = await startServer(VARIANTS.B, databaseUrl, workDir, options, teardown);
  return { A, B };
}

async function load(server: BenchServer, options: Options, seconds: number, what: string) {
  const result = await runLoad({
    url: `${server.baseUrl}${options.path}`,
    headers: { authorization: `Bearer ${API_TOKEN}` },
    seconds,
    connections: options.connections,
  });
  assertAllSucceeded(result, `${what} on server ${server.variant.key}`);
  return result;
}

async function measureSlice(
  server: BenchServer,
  options: Options,
  ticksPerSecond: number,
): Promise<Slice> {
  const pid = server.process.pid;
  const logLinesBefore = server.process.outputLines;
  const ticksBefore = server.process.cpuTicks();
  const startedAt = performance.now();
  const result = await load(server, options, options.seconds, 'a measured slice');
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const serverCpuSeconds = (server.process.cpuTicks() - ticksBefore) / ticksPerSecond;
  if (serverCpuSeconds <= 0) {
    throw new Error(`server ${server.variant.key} (pid ${pid}) used no CPU time`);
  }
  const requests = result['2xx'];
  return {
    variant: server.variant.key,
    requests,
    wallSeconds,
    requestsPerSecond: requests / wallSeconds,
    serverCpuSeconds,
    serverCpuMicrosPerRequest: (serverCpuSeconds * 1e6) / requests,
    serverCpuPercent: (serverCpuSeconds / wallSeconds) * 100,
    serverLogLines: server.process.outputLines - logLinesBefore,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}

async function runCycles(
  servers: Servers,
  options: Options,
  ticksPerSecond: number,
): Promise<Cycle[]> {
  console.log(`\n${cycleHeader()}`);
  const cycles: Cycle[] = [];
  for (let index = 0; index < options.cycles; index++) {
    const order = index % 2 === 0 ? 'AB' : 'BA';
    const first = await measureSlice(servers[order[0] as VariantKey], options, ticksPerSecond);
    const second = await measureSlice(servers[order[1] as VariantKey], options, ticksPerSecond);
    const [a, b] = order === 'AB' ? [first, second] : [second, first];
    const cycle: Cycle = { number: index + 1, order, a, b };
    console.log(cycleRow(cycle));
    cycles.push(cycle);
  }
  return cycles;
}

/** The sum of A's http_requests_total samples: proof that the instrumentation ran. */
async function recordedRequests(server: BenchServer): Promise<number | undefined> {
  const response = await fetch(`${server.baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) return undefined;
  const samples = (await response.text()).match(/^http_requests_total\{[^}]*\} \S+$/gm) ?? [];
  return samples.reduce(
    (sum, sample) => sum + Number(sample.slice(sample.lastIndexOf(' ') + 1)),
    0,
  );
}

function gitState(): { commit?: string; uncommittedChanges?: boolean } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    // --no-optional-locks: never take the index lock someone committing at the same time needs.
    const changes = git(
      '--no-optional-locks',
      'status',
      '--porcelain',
      '--untracked-files=no',
      '--',
      'src',
    );
    return { commit: git('rev-parse', 'HEAD'), uncommittedChanges: changes.length > 0 };
  } catch {
    return {};
  }
}

function checkMachine(): void {
  if (availableParallelism() < 2)
    throw new Error('needs 2 CPU cores: one for the server, one for the load');
  if (!existsSync(SERVER_ENTRY))
    throw new Error(`${SERVER_ENTRY} is missing: run "npm run build" first`);
}

async function benchmark(options: Options, teardown: Teardown): Promise<void> {
  const startedAt = new Date();
  const ticksPerSecond = clockTicksPerSecond();
  checkMachine();
  pinToCore(process.pid, LOAD_CORE);
  console.log(
    `HTTP metrics overhead: GET ${options.path}, ${options.cycles} cycles × ${options.seconds} s per variant, ` +
      `${options.connections} connections. Goal: metrics cost ≤ ${Math.round((GOAL_RATIO - 1) * 100)} % ` +
      `server CPU per request. Load generator on core ${LOAD_CORE}, servers on core ${SERVER_CORE}.`,
  );
  const workDir = makeWorkDir(teardown);
  const databaseUrl = await startDatabase(workDir, teardown);
  const servers = await startServers(databaseUrl, workDir, options, teardown);
  for (const server of [servers.A, servers.B])
    await load(server, options, options.warmupSeconds, 'the warm-up');

  const cycles = await runCycles(servers, options, ticksPerSecond);
  const summary = summarize(cycles);
  const run = {
    method: 'GET',
    path: options.path,
    seconds: options.seconds,
    connections: options.connections,
  };
  console.log(
    formatSummary(summary, { ...run, goalRatio: GOAL_RATIO, logLevel: options.logLevel }),
  );

  const completedOnA = cycles.reduce((sum, cycle) => sum + cycle.a.requests, 0);
  const recordedOnA = await recordedRequests(servers.A);
  console.log(
    `instrumentation check: server A's http_requests_total = ${recordedOnA} ` +
      `(the measured slices alone completed ${completedOnA} requests on A)`,
  );
  const file = writeResultFile(RESULTS_DIR, startedAt, {
    benchmark: 'http-overhead',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    goal: { serverCpuPerRequestRatioAtMost: GOAL_RATIO },
    options: {
      ...options,
      loadCore: LOAD_CORE,
      serverCore: SERVER_CORE,
      clockTicksPerSecond: ticksPerSecond,
    },
    machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length },
    git: gitState(),
    summary,
    instrumentationCheck: { recordedOnA, completedOnA },
    cycles,
  });
  console.log(`results: ${file}`);
}

runBenchmark(async (teardown) => {
  await benchmark(parseOptions(process.argv.slice(2)), teardown);
}, stopAllLoads);

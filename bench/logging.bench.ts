/**
 * What request logging costs per request: two builds of the app side by side — A (by default
 * dist/main.js) against B (`--b <path to another build's main.js>`, e.g. a copy of dist with the
 * request logging patched out, or the previous logging design). Same method as
 * bench/http-overhead.bench.ts: one throw-away PostgreSQL, each server alone on core 1, autocannon
 * on core 0, A and B alternating slice by slice (AB, BA, …), server CPU per request from
 * /proc/<pid>/stat compared as paired A/B ratios — see /work/shared/PERFORMANCE.md.
 *
 *   npm run bench:logging -- --b /tmp/other-build/dist/main.js [--a dist/main.js] [--label-a …]
 *       [--label-b …] [--log-level info] [--path /api/status] [--cycles 20] [--seconds 3]
 *       [--connections 10] [--warmup 3]
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { assertAllSucceeded, runLoad, stopAllLoads } from './lib/load';
import { cycleHeader, cycleRow } from './lib/report';
import { clockTicksPerSecond, pinToCore, ServerProcess } from './lib/server';
import { medianInterval, Spread } from './lib/stats';
import { Cycle, Slice, summarize, Summary, VariantKey } from './lib/summary';
import { runBenchmark, Teardown, withTimeout } from './lib/teardown';

const REPO_ROOT = resolve(__dirname, '..');
const RESULTS_DIR = join(__dirname, 'results');
const API_TOKEN = 'bench-token-0123456789abcdef';
const LOAD_CORE = 0;
const SERVER_CORE = 1;
const READY_TIMEOUT_MS = 60_000;

interface Options {
  entries: Record<VariantKey, string>;
  labels: Record<VariantKey, string>;
  logLevel: string;
  path: string;
  cycles: number;
  seconds: number;
  connections: number;
  warmupSeconds: number;
}

interface BenchServer {
  key: VariantKey;
  process: ServerProcess;
  baseUrl: string;
}

const USAGE =
  'usage: bench/logging.bench.ts --b <main.js> [--a dist/main.js] [--label-a A] [--label-b B] ' +
  '[--log-level info] [--path /api/status] [--cycles 20] [--seconds 3] [--connections 10] [--warmup 3]';

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      a: { type: 'string', default: join(REPO_ROOT, 'dist', 'main.js') },
      b: { type: 'string' },
      'label-a': { type: 'string', default: 'A' },
      'label-b': { type: 'string', default: 'B' },
      'log-level': { type: 'string', default: 'info' },
      path: { type: 'string', default: '/api/status' },
      cycles: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.b) throw new Error(`--b is required\n${USAGE}`);
  const entries = { A: resolve(values.a), B: resolve(values.b) };
  for (const entry of Object.values(entries))
    if (!existsSync(entry)) throw new Error(`${entry} does not exist`);
  return {
    entries,
    labels: { A: values['label-a'], B: values['label-b'] },
    logLevel: values['log-level'],
    path: values.path,
    cycles: positive('--cycles', values.cycles, true),
    seconds: positive('--seconds', values.seconds, false),
    connections: positive('--connections', values.connections, true),
    warmupSeconds: positive('--warmup', values.warmup, false),
  };
}

function positive(flag: string, raw: string, integer: boolean): number {
  const value = Number(raw);
  if (!(value > 0) || (integer && !Number.isInteger(value)))
    throw new Error(`${flag} must be a positive number, not "${raw}"\n${USAGE}`);
  return value;
}

async function startDatabase(teardown: Teardown): Promise<{ url: string; workDir: string }> {
  const workDir = mkdtempSync(join(tmpdir(), 'tradewatch-bench-'));
  // The `postgres` user must traverse it (we may run as root).
  chmodSync(workDir, 0o777);
  teardown.add(`remove ${workDir}`, () => rmSync(workDir, { recursive: true, force: true }));
  const dataDir = join(workDir, 'pg');
  const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  teardown.add('stop PostgreSQL', async () => {
    if (existsSync(join(dataDir, 'postmaster.pid')))
      await withTimeout(pg.stop(), 15_000, 'PostgreSQL stop');
  });
  return { url: pg.url, workDir };
}

async function startServer(
  key: VariantKey,
  options: Options,
  database: { url: string; workDir: string },
  teardown: Teardown,
): Promise<BenchServer> {
  const dataDir = join(database.workDir, `server-${key}`);
  mkdirSync(dataDir);
  const port = await freePort();
  const server = ServerProcess.start({
    label: `[${key}]`,
    core: SERVER_CORE,
    entry: options.entries[key],
    cwd: dataDir,
    // Only what the app needs: an exported NODE_OPTIONS must not skew one variant.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      API_TOKEN,
      LOG_LEVEL: options.logLevel,
      TRADING_INTERVAL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
    },
  });
  teardown.add(`stop server ${key}`, () => server.stop());
  const baseUrl = `http://127.0.0.1:${port}`;
  await server.waitUntilReady(`${baseUrl}/health/ready`, READY_TIMEOUT_MS);
  server.verify();
  console.log(`server ${key} (${options.labels[key]}) ready: pid ${server.pid}, ${baseUrl}`);
  return { key, process: server, baseUrl };
}

async function load(server: BenchServer, options: Options, seconds: number) {
  const result = await runLoad({
    url: `${server.baseUrl}${options.path}`,
    headers: { authorization: `Bearer ${API_TOKEN}` },
    seconds,
    connections: options.connections,
  });
  assertAllSucceeded(result, `server ${server.key}`);
  return result;
}

async function measureSlice(server: BenchServer, options: Options, ticks: number): Promise<Slice> {
  const linesBefore = server.process.outputLines;
  const ticksBefore = server.process.cpuTicks();
  const startedAt = performance.now();
  const result = await load(server, options, options.seconds);
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const serverCpuSeconds = (server.process.cpuTicks() - ticksBefore) / ticks;
  const requests = result['2xx'];
  return {
    variant: server.key,
    requests,
    wallSeconds,
    requestsPerSecond: requests / wallSeconds,
    serverCpuSeconds,
    serverCpuMicrosPerRequest: (serverCpuSeconds * 1e6) / requests,
    serverCpuPercent: (serverCpuSeconds / wallSeconds) * 100,
    serverLogLines: server.process.outputLines - linesBefore,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}

const ratio = (label: string, s: Spread): string => {
  const ci = medianInterval(s);
  return (
    `${label}: median ${s.median.toFixed(3)} (~95 % interval ${ci.low.toFixed(3)}–${ci.high.toFixed(3)}, ` +
    `IQR ${s.q1.toFixed(3)}–${s.q3.toFixed(3)}, min–max ${s.min.toFixed(3)}–${s.max.toFixed(3)})`
  );
};

function report(summary: Summary, options: Options): string {
  const cpu = summary.serverCpuMicrosPerRequest;
  const added = cpu.pairedDifference;
  return [
    '',
    `Summary: ${summary.cycles} cycles × ${options.seconds} s per variant, GET ${options.path}, ` +
      `LOG_LEVEL=${options.logLevel}. A = ${options.labels.A}, B = ${options.labels.B}.`,
    `server CPU µs/request: A median ${cpu.A.median.toFixed(1)}, B median ${cpu.B.median.toFixed(1)}`,
    ratio('CPU per request A/B (paired)', cpu.pairedRatio),
    `added CPU per request A−B (paired): median ${added.median.toFixed(1)} µs ` +
      `(IQR ${added.q1.toFixed(1)} … ${added.q3.toFixed(1)})`,
    ratio('throughput A/B (paired)', summary.requestsPerSecond.pairedRatio),
    `log lines during the measured slices: A ${summary.serverLogLines.A}, B ${summary.serverLogLines.B}`,
    ...(summary.unsaturatedSlices > 0
      ? [`warning: ${summary.unsaturatedSlices} slices with the server under 80 % of its core`]
      : []),
  ].join('\n');
}

async function benchmark(options: Options, teardown: Teardown): Promise<void> {
  if (availableParallelism() < 2) throw new Error('needs 2 CPU cores');
  const startedAt = new Date();
  const ticks = clockTicksPerSecond();
  pinToCore(process.pid, LOAD_CORE);
  const database = await startDatabase(teardown);
  const servers = {
    A: await startServer('A', options, database, teardown),
    B: await startServer('B', options, database, teardown),
  };
  for (const server of [servers.A, servers.B]) await load(server, options, options.warmupSeconds);
  console.log(`\n${cycleHeader()}`);
  const cycles: Cycle[] = [];
  for (let index = 0; index < options.cycles; index++) {
    const order = index % 2 === 0 ? 'AB' : 'BA';
    const first = await measureSlice(servers[order[0] as VariantKey], options, ticks);
    const second = await measureSlice(servers[order[1] as VariantKey], options, ticks);
    const [a, b] = order === 'AB' ? [first, second] : [second, first];
    const cycle: Cycle = { number: index + 1, order, a, b };
    console.log(cycleRow(cycle));
    cycles.push(cycle);
  }
  const summary = summarize(cycles);
  console.log(report(summary, options));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `logging-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length };
  writeFileSync(file, `${JSON.stringify({ options, machine, summary, cycles }, null, 2)}\n`);
  console.log(`results: ${file}`);
}

runBenchmark(async (teardown) => {
  await benchmark(parseOptions(process.argv.slice(2)), teardown);
}, stopAllLoads);

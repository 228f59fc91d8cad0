/**
 * Load and soak: the built app on its own embedded PostgreSQL (a throw-away DATA_DIR, no
 * DATABASE_URL), its trading loop running, under a mixed workload — reads of every kind, order
 * submits (new ids and repeats), strategy evaluations — with /metrics scraped every second as
 * Prometheus would. Reports throughput and latency per kind, 4xx/5xx, memory and its trend,
 * event-loop lag, the trading loop's cadence, the scrapes' cost, and audits every accepted order
 * in the database (exactly once).
 *
 *   npm run bench:load -- [--duration 120] [--connections 8] [--warmup 10]
 *     [--trading-interval-ms 5000] [--scrape-interval-ms 1000] [--seed 1]
 *   BENCH_LOG_LEVEL=info npm run bench:load      # the app's LOG_LEVEL (default warn)
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../src/database/embedded-postgres';
import { assertBuilt, raiseRiskLimits, REPO_ROOT, startApp } from './lib/app-instance';
import {
  eventLoopLag,
  KindSummary,
  floorTrend,
  memoryTrend,
  scrapeCost,
  summarizeKinds,
  tradingLoop,
} from './lib/load-analysis';
import {
  auditLines,
  kindTable,
  lagLine,
  memoryTable,
  scrapeLine,
  tradingLoopLines,
} from './lib/load-report';
import { runMixedLoad } from './lib/mixed-load';
import { WorkloadPlanner } from './lib/mixed-workload';
import { auditOrders } from './lib/order-audit';
import { gitState, writeJsonResult } from './lib/result-file';
import { ScrapeSampler } from './lib/scrape-sampler';
import { clockTicksPerSecond } from './lib/server';
import { runBenchmark, Teardown } from './lib/teardown';

const RESULTS_DIR = join(__dirname, 'results');
/**
 * Goals: no 5xx; memory flat after the warm-up (second-half slope of the heap's per-minute floor:
 * a leak of 100 bytes a request would be ≈ 2 MiB a minute at this load's rate); scrapes
 * well inside Prometheus's default 10 s scrape timeout even when queued behind the load.
 */
const GOALS = { max5xx: 0, scrapeP99Ms: 1000, lateHeapFloorSlopeMiBPerMinute: 2 };
/** The heap each minute after its collections: what the app retains (see floorTrend). */
const HEAP_FLOOR = 'heap floor (lowest heap used per minute)';

interface Options {
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
  tradingIntervalMs: number;
  scrapeIntervalMs: number;
  seed: number;
  logLevel: string;
}

const USAGE =
  'usage: bench/load.bench.ts [--duration 120] [--connections 8] [--warmup 10] ' +
  '[--trading-interval-ms 5000] [--scrape-interval-ms 1000] [--seed 1]';

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '120' },
      connections: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '10' },
      'trading-interval-ms': { type: 'string', default: '5000' },
      'scrape-interval-ms': { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    durationSeconds: integer('--duration', values.duration, 1),
    connections: integer('--connections', values.connections, 1),
    warmupSeconds: integer('--warmup', values.warmup, 0),
    tradingIntervalMs: integer('--trading-interval-ms', values['trading-interval-ms'], 0),
    scrapeIntervalMs: integer('--scrape-interval-ms', values['scrape-interval-ms'], 100),
    seed: integer('--seed', values.seed, 0),
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

/** A temporary directory the `postgres` user can traverse (we may run as root). */
function makeWorkDir(teardown: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tradewatch-load-'));
  chmodSync(dir, 0o777);
  teardown.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function benchmark(options: Options, teardown: Teardown, abort: AbortSignal) {
  const startedAt = new Date();
  assertBuilt();
  const workDir = makeWorkDir(teardown);
  const dataDir = join(workDir, 'app');
  mkdirSync(dataDir);
  const postgresPort = await freePort();
  const app = await startApp({
    label: '[app]',
    dataDir,
    env: {
      LOG_LEVEL: options.logLevel,
      METRICS_ENABLED: 'true',
      TRADING_INTERVAL_MS: String(options.tradingIntervalMs),
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      INITIAL_CASH: '10000000',
    },
  });
  teardown.add('stop the app', () => app.process.stop());
  const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${postgresPort}/postgres`;
  // With the daily-loss kill switch tripped, almost every order is a denied buy: not a soak of fills.
  await raiseRiskLimits(app, { dailyLossLimit: 1e9 });
  console.log(
    `Load: app pid ${app.process.pid} at ${app.baseUrl} (embedded PostgreSQL :${postgresPort}), ` +
      `trading loop every ${options.tradingIntervalMs} ms, ${options.connections} connections, ` +
      `${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured, /metrics every ` +
      `${options.scrapeIntervalMs} ms.`,
  );

  const idPrefix = `load-${startedAt.getTime().toString(36)}`;
  const load = (seconds: number, prefix: string, seed: number) =>
    runMixedLoad({
      baseUrl: app.baseUrl,
      token: app.token,
      seconds,
      connections: options.connections,
      planner: new WorkloadPlanner(seed, prefix),
      signal: abort,
    });
  if (options.warmupSeconds > 0)
    await load(options.warmupSeconds, `${idPrefix}w`, options.seed + 1);

  const cpuBefore = app.process.cpuTicks();
  const sampler = new ScrapeSampler(`${app.baseUrl}/metrics`, options.scrapeIntervalMs);
  sampler.start();
  const result = await load(options.durationSeconds, idPrefix, options.seed);
  await new Promise((resolve) => setTimeout(resolve, options.scrapeIntervalMs));
  const scrapes = await sampler.stop();
  const appCpuSeconds = (app.process.cpuTicks() - cpuBefore) / clockTicksPerSecond();
  app.process.verify();

  const kinds = summarizeKinds(result.records, result.wallSeconds);
  const memory = {
    'RSS (process_resident_memory_bytes)': memoryTrend(scrapes, (s) => s.residentBytes),
    'heap used (nodejs_heap_size_used_bytes)': memoryTrend(scrapes, (s) => s.heapUsedBytes),
    [HEAP_FLOOR]: floorTrend(scrapes, (s) => s.heapUsedBytes),
  };
  const lag = eventLoopLag(scrapes);
  const loop = tradingLoop(scrapes, options.tradingIntervalMs);
  const scrapeSummary = scrapeCost(scrapes, sampler.skipped);
  const audit = await auditOrders(databaseUrl, idPrefix, result.orders);
  const all = kinds.find((k) => k.kind === '(all)') as KindSummary;

  console.log(`\n${kindTable(kinds)}`);
  console.log(`\n${memoryTable(memory)}`);
  console.log(
    [
      '',
      lagLine(lag),
      ...tradingLoopLines(loop),
      scrapeLine(scrapeSummary),
      ...auditLines(audit),
      `app CPU: ${appCpuSeconds.toFixed(1)} s in ${result.wallSeconds.toFixed(1)} s ` +
        `(${((appCpuSeconds / result.wallSeconds) * 100).toFixed(0)} % of one core), ` +
        `${((appCpuSeconds * 1e6) / all.requests).toFixed(0)} µs per request`,
      ...(result.failures.length > 0 ? [`no answer: ${result.failures.join(' | ')}`] : []),
    ].join('\n'),
  );

  const heapFloorSlope = memory[HEAP_FLOOR]?.lateSlopePerMinute ?? NaN;
  const verdicts = {
    no5xx: all.status5xx <= GOALS.max5xx && all.noAnswer === 0,
    ordersExactlyOnce: audit.ok,
    scrapeP99: scrapeSummary.durationMs.p99 <= GOALS.scrapeP99Ms && scrapeSummary.failed === 0,
    // a leak grows; memory given back after the warm-up is not one
    memoryFlat: heapFloorSlope <= GOALS.lateHeapFloorSlopeMiBPerMinute,
  };
  console.log(`\nverdicts: ${JSON.stringify(verdicts)} (goals ${JSON.stringify(GOALS)})`);

  const file = await writeJsonResult(RESULTS_DIR, 'load', startedAt, {
    benchmark: 'load',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    goals: GOALS,
    verdicts,
    machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length },
    git: gitState(REPO_ROOT, ['src', 'bench']),
    wallSeconds: result.wallSeconds,
    appCpuSeconds,
    kinds,
    memory,
    eventLoopLag: lag,
    tradingLoop: loop,
    scrapes: scrapeSummary,
    orderAudit: { ...audit, missing: audit.missing.slice(0, 20) },
    failures: result.failures,
    scrapeSamples: scrapes,
  });
  console.log(`results: ${file}`);
  return Object.values(verdicts).every(Boolean);
}

const abort = new AbortController();
runBenchmark(
  (teardown) => benchmark(parseOptions(process.argv.slice(2)), teardown, abort.signal),
  () => abort.abort(),
);

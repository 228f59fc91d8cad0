/**
 * What timing every query costs the app: the same queries through two pg pools on one real
 * PostgreSQL, one pool timed exactly as the app times its own (DatabaseMetricsService →
 * timeQueries, query classification, QueryStats), the other bare. This process runs alone on
 * core 1 (PostgreSQL on core 0), `--connections` queries in flight, rounds alternating AB / BA;
 * CPU time of this process per query, compared as paired per-round differences.
 *
 *   npm run bench:query-timing -- [--rounds 30] [--queries 4000] [--connections 8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Counter, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { DatabaseMetricsService } from '../src/observability/metrics/database/database-metrics.service';
import type { MetricsExposition } from '../src/observability/metrics/exposition/metrics-exposition.service';
import type { ResolvedMetricsOptions } from '../src/observability/metrics/metrics-options.interface';
import { alternatingRounds, pairedSummary } from './lib/alternating-rounds';
import { parseCountOptions } from './lib/count-options';
import { pinToCore } from './lib/server';
import { runBenchmark, Teardown, withTimeout } from './lib/teardown';

const POSTGRES_CORE = 0;
const BENCH_CORE = 1;
/** What TypeORM sends for a find by key, with a parameter. */
const SQL =
  'SELECT "t"."n" AS "t_n", "t"."at" AS "t_at" FROM (SELECT $1::int AS n, now() AS at) "t" WHERE "t"."n" = $1';

interface Options {
  rounds: number;
  queries: number;
  connections: number;
}

const parseOptions = (argv: string[]): Options =>
  parseCountOptions(argv, { rounds: 30, queries: 4000, connections: 8 });

/** The app's own query metrics on a pool: the service as Nest would build it. */
function timePool(pool: Pool): Registry {
  const registry = new Registry();
  const counter = (name: string, labelNames: string[]) =>
    new Counter({ name, help: name, labelNames, registers: [registry] });
  const service = new DatabaseMetricsService(
    { driver: { master: pool } } as unknown as DataSource,
    { enabled: true } as ResolvedMetricsOptions,
    { addCollector: () => undefined } as unknown as MetricsExposition,
    registry,
    counter('database_query_errors_total', ['query_type', 'error_class']),
    counter('database_transactions_total', ['outcome']),
    new Gauge({ name: 'pool', help: 'pool', labelNames: ['state'], registers: [registry] }),
  );
  service.onModuleInit();
  return registry;
}

/** `queries` queries, `connections` at a time; this process's CPU seconds. */
async function round(pool: Pool, queries: number, connections: number): Promise<number> {
  let next = 0;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < queries) {
        const n = next++;
        // As TypeORM does: a client from the pool, the query, back (pool.query uses pg's
        // callback form, which the app's timing passes through untimed).
        const client = await pool.connect();
        const { rows } = await client.query(SQL, [n]).finally(() => client.release());
        if (rows[0].t_n !== n) throw new Error(`query ${n} answered ${JSON.stringify(rows)}`);
      }
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

async function countedQueries(registry: Registry): Promise<number> {
  const family = await registry.getSingleMetric('database_queries_total')!.get();
  return family.values.reduce((sum, sample) => sum + sample.value, 0);
}

async function benchmark(options: Options, teardown: Teardown): Promise<boolean> {
  pinToCore(process.pid, POSTGRES_CORE);
  const dataDir = mkdtempSync(join(tmpdir(), 'tradewatch-query-timing-'));
  teardown.add(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), ephemeral: true });
  teardown.add('stop PostgreSQL', () => withTimeout(pg.stop(), 15_000, 'PostgreSQL stop'));
  pinToCore(process.pid, BENCH_CORE);

  const pools = {
    A: new Pool({ connectionString: pg.url, max: options.connections }),
    B: new Pool({ connectionString: pg.url, max: options.connections }),
  };
  teardown.add('close the pools', () => Promise.all([pools.A.end(), pools.B.end()]));
  const registry = timePool(pools.A);
  console.log(
    `Query timing: ${options.rounds} rounds × ${options.queries} queries per pool, ` +
      `${options.connections} in flight; this process on core ${BENCH_CORE}, PostgreSQL on core ` +
      `${POSTGRES_CORE}. A = timed as the app times its queries, B = bare pg.`,
  );
  for (const pool of [pools.A, pools.B]) await round(pool, options.queries, options.connections);

  const rounds = await alternatingRounds(
    options.rounds,
    'query',
    async (key) =>
      ((await round(pools[key], options.queries, options.connections)) * 1e6) / options.queries,
  );

  const expected = options.queries * (options.rounds + 1);
  const counted = await countedQueries(registry);
  if (counted !== expected) throw new Error(`A counted ${counted} queries, ran ${expected}`);
  console.log(
    `\nCPU per query (this process, pg and the timing): ${pairedSummary(rounds, 'the timing')}. ` +
      `A counted all ${counted} queries.`,
  );
  return true;
}

runBenchmark((teardown) => benchmark(parseOptions(process.argv.slice(2)), teardown));

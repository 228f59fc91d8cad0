import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

describe('database metrics (timed at the pg pool of a real PostgreSQL)', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  // A scrape reuses a database ping younger than 5 s (GET /health runs one now), and reads the
  // portfolio, risk and performance figures again only after they changed: what a scrape queries
  // is then nothing, and the deltas below are the test's own queries exactly.
  const scrapeWithoutPing = async () => {
    expect((await t.get('/health')).status).toBe(200);
    return t.scrape();
  };
  const delta = async (
    run: () => Promise<unknown>,
    name: string,
    labels: Record<string, string>,
  ) => {
    const before = await scrapeWithoutPing();
    await run();
    return value(await t.scrape(), name, labels) - value(before, name, labels);
  };
  const queries = (text: string) =>
    ['select', 'insert', 'update', 'delete', 'other'].reduce(
      (sum, type) =>
        sum + value(text, 'database_queries_total', { query_type: type, outcome: 'success' }),
      0,
    );

  it('sends no query from a scrape when nothing changed', async () => {
    const first = await scrapeWithoutPing();
    const second = await t.scrape();
    expect(queries(first)).toBeGreaterThan(0);
    expect(queries(second) - queries(first)).toBe(0);
  });

  it('times and counts every query by type', async () => {
    const selects = () =>
      Promise.all([1, 2, 3].map((n) => dataSource.query('SELECT $1::int AS n', [n])));
    expect(
      await delta(selects, 'database_queries_total', { query_type: 'select', outcome: 'success' }),
    ).toBe(3);
    expect(
      await delta(selects, 'database_query_duration_seconds_count', { query_type: 'select' }),
    ).toBe(3);
    const insert = () =>
      dataSource.query(
        "INSERT INTO service_runs (version, node_version, pid, hostname) VALUES ('t', 't', 1, 't')",
      );
    expect(
      await delta(insert, 'database_queries_total', { query_type: 'insert', outcome: 'success' }),
    ).toBe(1);
    const update = () =>
      dataSource.query("UPDATE service_runs SET hostname = 'u' WHERE version = 't'");
    expect(
      await delta(update, 'database_queries_total', { query_type: 'update', outcome: 'success' }),
    ).toBe(1);
    const remove = () => dataSource.query("DELETE FROM service_runs WHERE version = 't'");
    expect(
      await delta(remove, 'database_queries_total', { query_type: 'delete', outcome: 'success' }),
    ).toBe(1);
  });

  it('answers every form of pg query, timing the promise ones', async () => {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    const answers: unknown[] = [];
    const forms = async () => {
      answers.push((await client.query('SELECT 1 AS n')).rows);
      answers.push((await client.query({ text: 'SELECT $1::int AS n', values: [2] })).rows);
      answers.push((await client.query('SELECT $1::int AS n', [3])).rows);
      const viaCallback = await new Promise((resolve, reject) =>
        client.query('SELECT 4 AS n', (error, result) =>
          error ? reject(error) : resolve(result.rows),
        ),
      );
      answers.push(viaCallback);
    };
    try {
      expect(
        await delta(forms, 'database_queries_total', { query_type: 'select', outcome: 'success' }),
      ).toBe(3);
      expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }], [{ n: 4 }]]);
      const failure = (await client.query('SELECT * FROM no_such_table').catch((e) => e)) as Error;
      expect(failure.message).toContain('no_such_table');
      // TypeORM's error says where the query came from (the driver's no longer does).
      const viaTypeOrm = (await dataSource
        .query('SELECT * FROM no_such_table')
        .catch((e) => e)) as Error;
      expect(viaTypeOrm.stack).toContain('database-metrics.e2e-spec');
    } finally {
      client.release();
    }
  });

  it('counts failed queries with a bounded error class', async () => {
    const failing = () => dataSource.query('SELECT * FROM no_such_table').catch(() => undefined);
    expect(
      await delta(failing, 'database_queries_total', { query_type: 'select', outcome: 'error' }),
    ).toBe(1);
    expect(
      await delta(failing, 'database_query_errors_total', {
        query_type: 'select',
        error_class: 'syntax_error_or_access_rule_violation',
      }),
    ).toBe(1);
  });

  it('counts committed and rolled-back transactions', async () => {
    const commit = () => dataSource.transaction((manager) => manager.query('SELECT 1'));
    expect(await delta(commit, 'database_transactions_total', { outcome: 'commit' })).toBe(1);
    const rollback = () =>
      dataSource
        .transaction(async (manager) => {
          await manager.query('SELECT 1');
          throw new Error('abandon');
        })
        .catch(() => undefined);
    expect(await delta(rollback, 'database_transactions_total', { outcome: 'rollback' })).toBe(1);
  });

  it('reports the connection pool', async () => {
    const text = await t.scrape();
    expect(value(text, 'database_connection_pool_usage', { state: 'max' })).toBe(10);
    expect(value(text, 'database_connection_pool_usage', { state: 'waiting' })).toBe(0);
    const inUse = value(text, 'database_connection_pool_usage', { state: 'in_use' });
    const idle = value(text, 'database_connection_pool_usage', { state: 'idle' });
    expect(inUse + idle).toBeGreaterThanOrEqual(1);
    expect(inUse + idle).toBeLessThanOrEqual(10);
  });

  it('holds in_use while a query runs', async () => {
    const slow = dataSource.query('SELECT pg_sleep(0.5)');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const text = await t.scrape();
    await slow;
    expect(
      value(text, 'database_connection_pool_usage', { state: 'in_use' }),
    ).toBeGreaterThanOrEqual(1);
  });
});

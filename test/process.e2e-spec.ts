import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-postgres';
import { AppProcess, eventually, postmasterPid, statusOf } from './support/app-process';
import { value } from './support/prometheus-text';

/**
 * The backend as `npm start` runs it: no DATABASE_URL, so it starts its own PostgreSQL under
 * DATA_DIR; generates an API token; refuses a second instance on the same data; reports a dead
 * database through readiness (not liveness); and stops everything it started on SIGTERM.
 */
describe('the backend process on its embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradewatch-process-'));
  const pgDir = join(dataDir, 'pg');
  let port: number;
  let base: string;
  const running: AppProcess[] = [];

  const start = (env: Record<string, string> = {}) => {
    const app = new AppProcess({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    });
    running.push(app);
    return app;
  };
  const ready = () =>
    eventually(async () => (await statusOf(`${base}/health/ready`)) === 200, 60_000, 'readiness');

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const app of running) app.kill('SIGKILL');
    const orphan = postmasterPid(pgDir);
    if (orphan) process.kill(orphan, 'SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, generates and prints an API token once, and stops cleanly on SIGTERM', async () => {
    const app = start();
    await ready();
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    expect(app.output).toContain(token);
    expect(await statusOf(`${base}/api/status`)).toBe(401);
    expect(
      await statusOf(`${base}/api/status`, { headers: { authorization: `Bearer ${token}` } }),
    ).toBe(200);
    const postgres = postmasterPid(pgDir);
    expect(postgres).toBeDefined();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(value(metrics, 'trading_loop_interval_seconds')).toBe(60);

    app.kill('SIGTERM');
    expect(await app.exitWithin(15_000)).toBe(0);
    expect(postmasterPid(pgDir)).toBeUndefined();
    expect(() => process.kill(postgres!, 0)).toThrow();
  });

  it('restarts on the same data: same token, not printed again, the previous run recorded as clean', async () => {
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const app = start();
    await ready();
    expect(app.output).not.toContain(token);
    const response = await fetch(`${base}/api/status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(
      ((await response.json()) as { previousRun: { cleanShutdown: boolean } }).previousRun
        .cleanShutdown,
    ).toBe(true);
  });

  it('refuses a second instance on the same data directory with a message', async () => {
    const second = start({ PORT: String(await freePort()) });
    expect(await second.exitWithin(20_000)).toBe(1);
    expect(second.output).toMatch(/data directory .* is in use by process \d+/);
  });

  it('fails readiness but not liveness when the database goes away, and still stops cleanly', async () => {
    const app = running[1];
    const postgres = postmasterPid(pgDir)!;
    process.kill(postgres, 'SIGINT');
    const outageAt = Date.now();
    await eventually(
      async () => (await statusOf(`${base}/health/ready`)) === 503,
      5_000,
      'readiness to fail',
    );
    expect(Date.now() - outageAt).toBeLessThan(5_000);
    expect(await statusOf(`${base}/health/live`)).toBe(200);
    const body = (await (await fetch(`${base}/health/ready`)).json()) as {
      error: Record<string, unknown>;
    };
    expect(Object.keys(body.error)).toContain('database');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(value(metrics, 'health_indicator_status', { indicator: 'database' })).toBe(0);
    expect(value(metrics, 'health_indicator_status', { indicator: 'disk' })).toBe(1);

    app.kill('SIGTERM');
    expect(await app.exitWithin(15_000)).toBe(0);
  });

  it('stops at start-up with a message naming a bad variable', async () => {
    const app = start({ PORT: 'eighty' });
    expect(await app.exitWithin(10_000)).toBe(1);
    expect(app.output).toContain('PORT must be an integer');
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/database/embedded-postgres';
import { AppProcess, eventually, statusOf } from './support/app-process';
import { FakeVendor } from './support/fake-vendor';

const secret = (what: string) => `${what}-${randomBytes(12).toString('hex')}`;

/** A database owned by a role of its own, so the connection URL carries a password worth hiding. */
async function databaseWithPassword(password: string): Promise<string> {
  const name = `tw_secret_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.TEST_POSTGRES_URL!);
  url.username = name;
  url.password = password;
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The secrets an operator hands the process (API and metrics tokens, the vendor's key, the
 * database password) appear in no log line — even at LOG_LEVEL=trace, with failing vendors,
 * wrong tokens and a failed start — and in no response.
 */
describe('secrets stay out of logs and responses', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradewatch-secrets-'));
  const secrets = {
    apiToken: secret('api-token'),
    metricsToken: secret('metrics-token'),
    vendorKey: secret('vendor-key'),
    dbPassword: secret('db-password'),
  };
  const vendor = new FakeVendor();
  let app: AppProcess | undefined;

  afterAll(async () => {
    app?.kill('SIGKILL');
    await vendor.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const expectNoSecret = (text: string) => {
    for (const [name, value] of Object.entries(secrets)) {
      expect([name, text.includes(value)]).toEqual([name, false]);
    }
  };

  it('keeps every secret out of a verbose run with failures, and out of every response', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const vendorUrl = await vendor.start();
    vendor.json(500, { error: 'upstream exploded' });
    app = new AppProcess({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      DATABASE_URL: await databaseWithPassword(secrets.dbPassword),
      API_TOKEN: secrets.apiToken,
      METRICS_TOKEN: secrets.metricsToken,
      MARKET_DATA_PROVIDER: 'http',
      VENDOR_BASE_URL: `${vendorUrl}/v1`,
      VENDOR_API_KEY: secrets.vendorKey,
      TRADING_INTERVAL_MS: '0',
    });
    await eventually(async () => (await statusOf(`${base}/health/live`)) === 200, 60_000, 'start');

    const auth = { authorization: `Bearer ${secrets.apiToken}` };
    const responses: string[] = [];
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, init);
      responses.push(JSON.stringify([...response.headers]), await response.text());
      return response.status;
    };
    expect(await call('/api/status', { headers: auth })).toBe(200);
    expect(await call('/api/market/quote/AAPL', { headers: auth })).toBeGreaterThanOrEqual(500);
    expect(vendor.requests.length).toBeGreaterThan(0);
    expect(
      await call('/api/status', { headers: { authorization: `Bearer ${secrets.metricsToken}` } }),
    ).toBe(401);
    expect(
      await call('/metrics', { headers: { authorization: `Bearer ${secrets.apiToken}` } }),
    ).toBe(401);
    expect(
      await call('/metrics', { headers: { authorization: `Bearer ${secrets.metricsToken}` } }),
    ).toBe(200);
    expect(await call('/health')).toBeGreaterThanOrEqual(200);
    expect(await call('/docs/openapi.json')).toBe(200);
    expect(await call('/api/orders', { method: 'POST', headers: auth })).toBe(400);

    app.kill('SIGTERM');
    expect(await app.exitWithin(15_000)).toBe(0);
    // the requests and the failures were logged: the check below had material to look at
    expect(app.output).toContain('/api/market/quote/AAPL');
    expect(app.output).toContain('"level":40');
    expectNoSecret(app.output);
    expectNoSecret(responses.join('\n'));
  });

  it('does not print the database URL with its password when the database cannot be reached', async () => {
    const closedPort = await freePort();
    const failing = new AppProcess({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      DATABASE_URL: `postgres://someone:${secrets.dbPassword}@127.0.0.1:${closedPort}/nowhere`,
      API_TOKEN: secrets.apiToken,
    });
    expect(await failing.exitWithin(60_000)).toBe(1);
    expect(failing.output).toMatch(/database|ECONNREFUSED|connect/i);
    expectNoSecret(failing.output);
  });
});

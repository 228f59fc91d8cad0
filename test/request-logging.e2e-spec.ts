import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-postgres';
import { AppProcess, eventually, statusOf } from './support/app-process';
import { createTestDatabase } from './support/test-database';

const API_TOKEN = 'request-logging-api-token-0123456789';
const METRICS_TOKEN = 'request-logging-metrics-token-0123456789';
const SECRET_QUERY = 'query-secret-5f1e9a';
const PINO_LEVEL = { info: 30, warn: 40, error: 50 } as const;

interface AccessLine {
  level: number;
  time: number;
  msg: string;
  req: { id: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
}

/** Every JSON line of the process's output that is an access-log line. */
function accessLines(output: string): AccessLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Partial<AccessLine>)
    .filter((line): line is AccessLine => line.msg === 'request completed' && !!line.req);
}

/**
 * The access log as an operator reads it from `node dist/main.js`: one JSON line per request with
 * its request id, method, path (no query string), status and response time, at the level its
 * status calls for; successful probes and scrapes quiet, their failures not; no Authorization
 * header; and at LOG_LEVEL=warn nothing for successful requests.
 */
describe('request logging (the built app)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradewatch-request-logging-'));
  const running: AppProcess[] = [];

  const start = async (logLevel: string): Promise<{ app: AppProcess; base: string }> => {
    const port = await freePort();
    const app = new AppProcess({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: logLevel,
      DATABASE_URL: await createTestDatabase(),
      API_TOKEN,
      METRICS_TOKEN,
      // a vendor that cannot be reached: quotes fail with a 5xx
      MARKET_DATA_PROVIDER: 'http',
      VENDOR_BASE_URL: `http://127.0.0.1:${await freePort()}/v1`,
      VENDOR_API_KEY: 'request-logging-vendor-key',
      TRADING_INTERVAL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    running.push(app);
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => (await statusOf(`${base}/health/ready`)) === 200, 60_000, 'ready');
    return { app, base };
  };

  const send = async (base: string, path: string, id: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'x-request-id': id, ...(init.headers as Record<string, string>) },
    });
    await response.arrayBuffer();
    return response.status;
  };

  const linesOf = (app: AppProcess, id: string) =>
    accessLines(app.output).filter((line) => line.req.id === id);

  /** The response reaches the client before the server logs its close: wait for the line. */
  const loggedLine = async (app: AppProcess, id: string): Promise<AccessLine> => {
    await eventually(async () => linesOf(app, id).length > 0, 5_000, `the access line of ${id}`);
    return linesOf(app, id)[0];
  };

  const auth = { authorization: `Bearer ${API_TOKEN}` };

  afterAll(() => {
    for (const app of running) app.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('at LOG_LEVEL=info', () => {
    let app: AppProcess;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await start('info'));
    }, 90_000);

    it('writes one line per request: id, method, path without query, status, time, level by status', async () => {
      expect(
        await send(base, `/api/status?token=${SECRET_QUERY}&x=1`, 'log-ok-1', { headers: auth }),
      ).toBe(200);
      expect(await send(base, '/api/status', 'log-unauthorized-1')).toBe(401);
      const quote = await send(base, '/api/market/quote/AAPL', 'log-failure-1', { headers: auth });
      expect(quote).toBeGreaterThanOrEqual(500);

      const ok = await loggedLine(app, 'log-ok-1');
      expect(ok).toEqual({
        level: PINO_LEVEL.info,
        time: expect.any(Number),
        pid: app.child.pid,
        hostname: expect.any(String),
        msg: 'request completed',
        req: { id: 'log-ok-1', method: 'GET', url: '/api/status' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      });
      expect(ok.responseTime).toBeGreaterThan(0);
      expect(ok.responseTime).toBeLessThan(10_000);
      const unauthorized = await loggedLine(app, 'log-unauthorized-1');
      expect([unauthorized.level, unauthorized.res.statusCode]).toEqual([PINO_LEVEL.warn, 401]);
      const failure = await loggedLine(app, 'log-failure-1');
      expect(failure.level).toBe(PINO_LEVEL.error);
      expect(failure.res.statusCode).toBe(quote);
      expect(failure.req).toEqual({
        id: 'log-failure-1',
        method: 'GET',
        url: '/api/market/quote/AAPL',
      });

      expect(app.output).not.toContain(SECRET_QUERY);
      for (const id of ['log-ok-1', 'log-unauthorized-1', 'log-failure-1'])
        expect([id, linesOf(app, id).length]).toEqual([id, 1]);
    });

    it('logs a generated request id when the client sends none, the same one it echoes', async () => {
      const response = await fetch(`${base}/api/status`, { headers: auth });
      expect(response.status).toBe(200);
      const echoed = response.headers.get('x-request-id')!;
      expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
      expect((await loggedLine(app, echoed)).res.statusCode).toBe(200);
    });

    it('keeps successful probes and scrapes quiet but logs their failures', async () => {
      const scrape = { authorization: `Bearer ${METRICS_TOKEN}` };
      expect(await send(base, '/health/live', 'log-probe-live')).toBe(200);
      expect(await send(base, '/health/ready', 'log-probe-ready')).toBe(200);
      expect(await send(base, '/metrics', 'log-scrape-ok', { headers: scrape })).toBe(200);
      expect(await send(base, '/metrics', 'log-scrape-refused')).toBe(401);
      expect(await send(base, '/health/live', 'log-probe-wrong', { method: 'POST' })).toBe(404);
      // a request logged after the quiet ones: had they been logged, they would be there by now
      expect(await send(base, '/api/status', 'log-after-quiet', { headers: auth })).toBe(200);
      await loggedLine(app, 'log-after-quiet');

      const refused = await loggedLine(app, 'log-scrape-refused');
      expect([refused.level, refused.req.url, refused.res.statusCode]).toEqual([
        PINO_LEVEL.warn,
        '/metrics',
        401,
      ]);
      const wrong = await loggedLine(app, 'log-probe-wrong');
      expect([wrong.req.method, wrong.req.url, wrong.res.statusCode]).toEqual([
        'POST',
        '/health/live',
        404,
      ]);
      for (const quiet of ['log-probe-live', 'log-probe-ready', 'log-scrape-ok'])
        expect([quiet, linesOf(app, quiet).length]).toEqual([quiet, 0]);
    });

    it('never logs the Authorization header or the tokens', async () => {
      expect(
        await send(base, '/api/status', 'log-wrong-token', {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        }),
      ).toBe(401);
      await loggedLine(app, 'log-wrong-token');
      expect(app.output).not.toContain(API_TOKEN);
      expect(app.output).not.toContain(METRICS_TOKEN);
      expect(app.output).not.toMatch(/authorization/i);
    });
  });

  describe('at LOG_LEVEL=warn', () => {
    it('logs nothing for successful requests, and still logs a refused one', async () => {
      const { app, base } = await start('warn');
      const before = app.output.length;
      for (let i = 0; i < 5; i++)
        expect(await send(base, '/api/status', `warn-ok-${i}`, { headers: auth })).toBe(200);
      expect(await send(base, '/api/status', 'warn-unauthorized')).toBe(401);

      const refused = await loggedLine(app, 'warn-unauthorized');
      expect([refused.level, refused.res.statusCode]).toEqual([PINO_LEVEL.warn, 401]);
      expect(accessLines(app.output.slice(before)).map((line) => line.req.id)).toEqual([
        'warn-unauthorized',
      ]);
    }, 90_000);
  });
});

import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-postgres';
import { raiseRiskLimits, RunningApp, startApp } from '../bench/lib/app-instance';
import {
  KindSummary,
  memoryTrend,
  scrapeCost,
  summarizeKinds,
  tradingLoop,
} from '../bench/lib/load-analysis';
import { MixedLoadResult, runMixedLoad } from '../bench/lib/mixed-load';
import { WorkloadPlanner } from '../bench/lib/mixed-workload';
import { auditOrders, OrderAudit } from '../bench/lib/order-audit';
import { ScrapeSample, ScrapeSampler } from '../bench/lib/scrape-sampler';
import { eventually } from './support/app-process';
import { value } from './support/prometheus-text';

/**
 * A short `npm run bench:load`: the built app on its own embedded PostgreSQL with its trading
 * loop running, under the benchmark's mixed workload (reads, order submits and repeats, strategy
 * evaluations) for 20 s with /metrics scraped every second.
 */
const LOAD_SECONDS = 20;
const CONNECTIONS = 6;
const TRADING_INTERVAL_MS = 4000;
const ID_PREFIX = 'loadtest';

describe('the app under a mixed load', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'tradewatch-load-test-'));
  let app: RunningApp;
  let load: MixedLoadResult;
  let scrapes: ScrapeSample[];
  let skippedScrapes: number;
  let kinds: Map<string, KindSummary>;
  let audit: OrderAudit;
  let before: string;
  let after: string;

  const metricsText = async () => (await fetch(`${app.baseUrl}/metrics`)).text();
  const requestsTo = (text: string, endpoint: string, method: string, status: string) =>
    value(text, 'http_requests_total', { endpoint, method, status_code: status });

  beforeAll(async () => {
    chmodSync(workDir, 0o777);
    const dataDir = join(workDir, 'app');
    mkdirSync(dataDir);
    const postgresPort = await freePort();
    app = await startApp({
      label: '[load-test app]',
      dataDir,
      env: {
        TRADING_INTERVAL_MS: String(TRADING_INTERVAL_MS),
        EMBEDDED_POSTGRES_PORT: String(postgresPort),
        INITIAL_CASH: '10000000',
      },
    });
    await raiseRiskLimits(app);
    before = await metricsText();
    const sampler = new ScrapeSampler(`${app.baseUrl}/metrics`, 1000);
    sampler.start();
    load = await runMixedLoad({
      baseUrl: app.baseUrl,
      token: app.token,
      seconds: LOAD_SECONDS,
      connections: CONNECTIONS,
      planner: new WorkloadPlanner(7, ID_PREFIX),
    });
    scrapes = await sampler.stop();
    skippedScrapes = sampler.skipped;
    // A response is recorded when it closes, which may come just after the client read it.
    await eventually(
      async () => value(await metricsText(), 'http_requests_in_flight') === 0,
      5000,
      'no request in flight',
    );
    after = await metricsText();
    kinds = new Map(summarizeKinds(load.records, load.wallSeconds).map((k) => [k.kind, k]));
    audit = await auditOrders(
      `postgres://postgres:postgres@127.0.0.1:${postgresPort}/postgres`,
      ID_PREFIX,
      load.orders,
    );
  }, 60_000);

  afterAll(async () => {
    await app?.process.stop();
    rmSync(workDir, { recursive: true, force: true });
  }, 20_000);

  it('answers every request, and never with a 5xx', () => {
    const all = kinds.get('(all)')!;
    expect(load.failures).toEqual([]);
    expect(all.noAnswer).toBe(0);
    expect(all.status5xx).toBe(0);
    // Every request of the workload is valid: a 4xx would be a wrong refusal.
    expect(all.status4xx).toBe(0);
    for (const kind of ['(read)', 'order-submit', 'order-repeat', 'evaluate']) {
      expect(kinds.get(kind)?.requests).toBeGreaterThan(5);
    }
  });

  it('creates each new order once (201) and answers every other send of its id with it (200)', () => {
    // A repeat sent while its submit is in flight may overtake it: then the repeat gets the 201.
    const answered = (status: number) =>
      (audit.answers['order-submit'][status] ?? 0) + (audit.answers['order-repeat'][status] ?? 0);
    expect(audit.notCreatedOnce).toEqual([]);
    expect(answered(201)).toBe(kinds.get('order-submit')!.requests);
    expect(answered(200)).toBe(kinds.get('order-repeat')!.requests);
    expect(
      Object.keys(audit.answers['order-submit']).every((s) => ['200', '201'].includes(s)),
    ).toBe(true);
    expect(
      Object.keys(audit.answers['order-repeat']).every((s) => ['200', '201'].includes(s)),
    ).toBe(true);
  });

  it('keeps every accepted order exactly once in the database, under the id it answered', () => {
    expect(audit).toMatchObject({ missing: [], duplicated: [], unexpected: [], inconsistent: [] });
    expect(audit.accepted).toBe(kinds.get('order-submit')!.requests);
    expect(audit.rows).toBe(audit.accepted);
    expect(Object.keys(audit.orderStatuses).sort()).toEqual(expect.arrayContaining(['filled']));
  });

  it('counts exactly the requests the clients made in http_requests_total', () => {
    const counted = (endpoint: string, method: string, status: string) =>
      requestsTo(after, endpoint, method, status) - requestsTo(before, endpoint, method, status);
    expect(counted('/api/orders', 'POST', '201')).toBe(kinds.get('order-submit')!.requests);
    expect(counted('/api/orders', 'POST', '200')).toBe(kinds.get('order-repeat')!.requests);
    expect(counted('/api/decisions/evaluate', 'POST', '200')).toBe(kinds.get('evaluate')!.requests);
    expect(counted('/api/market/quote/:symbol', 'GET', '200')).toBe(kinds.get('quote')!.requests);
  });

  it('does not grow its memory beyond a generous bound', () => {
    const rss = memoryTrend(scrapes, (s) => s.residentBytes)!;
    const heap = memoryTrend(scrapes, (s) => s.heapUsedBytes)!;
    expect(rss.samples).toBeGreaterThanOrEqual(LOAD_SECONDS - 3);
    expect(rss.max).toBeLessThan(600);
    expect(rss.end - rss.start).toBeLessThan(150);
    expect(heap.max).toBeLessThan(300);
  });

  it('serves every scrape under load in bounded time and with a bounded number of series', () => {
    const cost = scrapeCost(scrapes, skippedScrapes);
    expect(cost.failed).toBe(0);
    expect(cost.scrapes).toBeGreaterThanOrEqual(LOAD_SECONDS - 3);
    expect(cost.durationMs.p99).toBeLessThan(2000);
    expect(cost.series.last).toBeLessThan(5000);
  });

  it('keeps the trading loop on its interval', () => {
    const loop = tradingLoop(scrapes, TRADING_INTERVAL_MS)!;
    expect(loop.outcomes.failed ?? 0).toBe(0);
    // A tick that finds the previous cycle still running is skipped: allow a few under load.
    expect(loop.actualCycles).toBeGreaterThanOrEqual(Math.floor(loop.expectedCycles * 0.6));
    expect(loop.actualCycles).toBeLessThanOrEqual(Math.ceil(loop.expectedCycles) + 1);
    expect(Math.abs(loop.meanDriftMs!)).toBeLessThan(TRADING_INTERVAL_MS / 2);
  });
});

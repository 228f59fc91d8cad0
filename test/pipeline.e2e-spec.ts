/**
 * The whole observability pipeline on real parts: the app (real module, real PostgreSQL, a real
 * redis-server as provider cache; market data, sentiment and options flow from an HTTP vendor on
 * loopback) scraped every second by a real Prometheus that evaluates the repository's rule files.
 * A workload makes every kind of event happen; then every query of every dashboard panel and
 * every rule expression runs on that Prometheus, and every metric they name must be in the app's
 * /metrics output.
 */
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { panelsOf, renderDashboards } from '../grafana/generate';
import { metricNamesIn } from '../grafana/lib/promql';
import { FakeVendor } from './support/fake-vendor';
import { ProbeController } from './support/probe.controller';
import { loadRules, REPO_ROOT, RULES_DIR, seriesNames, ymlFiles } from './support/prometheus-rules';
import { PrometheusServer } from './support/prometheus-server';
import { parseSamples } from './support/prometheus-text';
import { RedisServer } from './support/redis-server';
import { createTestApp, TestApp } from './support/test-app';
import { TrendingMarket } from './support/trending-market';

const JOB = 'tradewatch';
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'];
const CACHE_TTL_MS = 500;
const RULE_FILES = ymlFiles(RULES_DIR);

/**
 * The only dashboard queries allowed to return nothing after the workload below, and why: each is
 * a panel ("uid / title") or one query of a panel ("uid / title / refId"). Every other query must
 * return data, so that an empty panel here is a panel that would be empty in Grafana.
 */
const MAY_BE_EMPTY: Record<string, string> = {
  // critical_errors_total moves only on a process-level failure (uncaught exception, unhandled
  // rejection), which would take a healthy app down
  'tradewatch-overview / Errors / C': 'critical errors: process-level failures only',
  'tradewatch-errors / Critical errors': 'critical errors: process-level failures only',
  'tradewatch-errors / Critical errors by component':
    'critical errors: process-level failures only',
  // the paper broker runs in-process and does not fail; broker failures need the IBKR gateway
  'tradewatch-trading / Broker request failures': 'the paper broker does not fail',
  'tradewatch-errors / Redis and broker failures / B': 'the paper broker does not fail',
  // a cycle fails as a whole only when the database, the broker poll or an exit order fails; a
  // symbol that fails is reported as such in a completed cycle
  'tradewatch-errors / Failed trading cycles': 'cycles fail only with the database or the broker',
  // PDT / intraday-margin denials apply to margin accounts; this run is a cash account
  'tradewatch-risk / PDT avoidance': 'margin accounts only; this run is a cash account',
  // the workload stays under its client's rate limit (test/rate-limit.e2e-spec.ts covers refusals)
  'tradewatch-errors / Rate-limited requests': 'no client goes over the rate limit in this run',
  // the pre-trade check denies a violating order (a cash_order_blocked event); violations, free
  // riding and restrictions are recorded only when a fill causes one despite the check
  'tradewatch-risk / Violations and restrictions in range':
    'violating orders are denied before they fill: no violation happens',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Grafana's variables as Grafana expands them with "All" selected and a 5-minute time range. */
function expand(expr: string): string {
  const expanded = expr
    .replace(/\$\{?__rate_interval\}?/g, '1m')
    .replace(/\$\{?__interval\}?/g, '15s')
    .replace(/\$\{?__range\}?/g, '5m')
    // dashboard variables ($instance, $strategy, $symbol, $endpoint...) are regex matchers
    .replace(/=~"\$\{?\w+\}?"/g, '=~".*"');
  if (expanded.includes('$')) throw new Error(`a variable outside a =~ matcher: ${expr}`);
  return expanded;
}

interface Query {
  /** uid / panel title / refId */
  readonly where: string;
  readonly panel: string;
  readonly expr: string;
}

const QUERIES: Query[] = renderDashboards().flatMap(({ uid, json }) =>
  panelsOf(JSON.parse(json) as Parameters<typeof panelsOf>[0]).flatMap((panel) =>
    (panel.targets ?? []).map((target, i) => ({
      where: `${uid} / ${panel.title} / ${(target as { refId?: string }).refId ?? i}`,
      panel: `${uid} / ${panel.title}`,
      expr: target.expr ?? '',
    })),
  ),
);
const RULES = loadRules(RULE_FILES);

/** The names an exposition declares: every sample's, every family's, a histogram's parts. */
function exposedNames(exposition: string): Set<string> {
  const names = new Set(parseSamples(exposition).map((sample) => sample.name));
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram')
      for (const part of ['_bucket', '_sum', '_count']) names.add(name + part);
  }
  return names;
}

describe('the pipeline on a real Prometheus: app → scrape → rules → every dashboard query', () => {
  const vendor = new FakeVendor();
  const market = new TrendingMarket();
  const redis = new RedisServer();
  let t: TestApp;
  let prometheus: PrometheusServer;

  const send = (method: string, path: string, body?: unknown) =>
    t.get(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const status = async (method: string, path: string, body?: unknown) =>
    (await send(method, path, body)).status;
  const cycle = async () => {
    const response = await send('POST', '/api/trading/cycle');
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      status: string;
      symbols: Array<{ symbol: string; action: string; detail: string }>;
    };
    expect(report.status).toBe('completed');
    return report.symbols;
  };
  const order = async (body: Record<string, unknown>) => {
    const response = await send('POST', '/api/orders', body);
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; status: string; reason: string | null };
  };
  /** Lets cached provider answers expire, so the next call reaches the vendor. */
  const expireCache = () => sleep(CACHE_TTL_MS + 100);

  beforeAll(async () => {
    const vendorUrl = await vendor.start();
    vendor.handler = market.serve;
    await redis.start();
    t = await createTestApp({
      // test-only routes: GET /api/probe/fail throws an unexpected error (an exception, a 500)
      controllers: [ProbeController],
      env: {
        MARKET_DATA_PROVIDER: 'http',
        SENTIMENT_PROVIDER: 'http',
        OPTIONS_FLOW_PROVIDER: 'http',
        VENDOR_BASE_URL: `${vendorUrl}/v1`,
        REDIS_URL: redis.url,
        PROVIDER_CACHE_TTL_MS: String(CACHE_TTL_MS),
        STRATEGIES: 'sma-crossover,breakout',
        DECISION_THRESHOLD: '0.05',
        ACCOUNT_TYPE: 'cash',
        // five positions that stop out 10 % lower stay under the daily loss limit (2000)
        INITIAL_CASH: '20000',
      },
    });
    prometheus = new PrometheusServer({
      target: new URL(t.url).host,
      job: JOB,
      metricsPath: t.config.metrics.path,
      ruleFiles: RULE_FILES.map((file) => join(REPO_ROOT, file)),
      intervalSeconds: 1,
    });
    await prometheus.start();
    await prometheus.waitForTargetUp(JOB);
  }, 45_000);

  afterAll(async () => {
    await prometheus?.stop();
    await t?.close();
    await redis.stop();
    await vendor.stop();
  }, 20_000);

  it('drives every kind of event through the app while Prometheus scrapes it', async () => {
    // the vendor rate-limits bars: rate-limit hits, provider errors, a failed strategy evaluation
    market.rateLimit = /\/bars\//;
    expect(await status('POST', '/api/strategies/breakout/evaluate', { symbol: 'TSLA' })).toBe(503);
    market.rateLimit = undefined;

    // client errors (unauthorized, unknown route, invalid and unparsable bodies), a server error
    expect((await t.get('/api/orders', { auth: false })).status).toBe(401);
    expect((await t.get('/api/no-such-route')).status).toBe(404);
    const invalid = { symbol: 'AAPL', side: 'buy', quantity: 0, type: 'market' };
    expect(await status('POST', '/api/orders', invalid)).toBe(400);
    const unparsable = await t.get('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"symbol":',
    });
    expect(unparsable.status).toBe(400);
    expect((await t.get('/api/probe/fail')).status).toBe(500);

    // no sentiment source answers (the bars it reads first are served): a failed calculation
    market.rateLimit = /\/sentiment\//;
    expect((await t.get('/api/sentiment/NVDA')).status).toBe(503);
    market.rateLimit = undefined;

    // market data (the second quote is a cache hit), sentiment (the sources disagree on TSLA),
    // options flow (unusual on NVDA); every provider answers again
    market.divergent.add('TSLA');
    market.unusual.add('NVDA');
    await expireCache();
    for (const symbol of SYMBOLS) {
      for (const path of [
        `/api/market/quote/${symbol}`,
        `/api/market/quote/${symbol}`,
        `/api/market/bars/${symbol}?limit=30`,
        `/api/sentiment/${symbol}`,
        `/api/options-flow/${symbol}`,
      ]) {
        expect({ path, status: (await t.get(path)).status }).toEqual({ path, status: 200 });
      }
    }

    // a strategy evaluated on its own, and every strategy with a decision
    expect(await status('POST', '/api/strategies/sma-crossover/evaluate', { symbol: 'AAPL' })).toBe(
      200,
    );
    expect(await status('POST', '/api/decisions/evaluate', { symbol: 'MSFT' })).toBe(200);

    // cycle 1 buys every symbol (rising prices); cycle 2 holds them, and skips SPY on stale bars
    expect((await cycle()).map((s) => s.action)).toEqual(SYMBOLS.map(() => 'bought'));
    market.stale.add('SPY');
    await expireCache();
    const holding = await cycle();
    market.stale.delete('SPY');
    expect(holding.map((s) => [s.symbol, s.action])).toEqual(
      SYMBOLS.map((symbol) => [symbol, symbol === 'SPY' ? 'skipped' : 'held']),
    );

    // a denied order (more than the position), a resting limit order canceled
    const oversell = { symbol: 'AAPL', side: 'sell', quantity: 100_000, type: 'market' };
    expect(await order(oversell)).toMatchObject({
      status: 'denied',
      reason: 'insufficient_position',
    });
    const resting = await order({
      symbol: 'AAPL',
      side: 'buy',
      quantity: 1,
      type: 'limit',
      limitPrice: 1,
    });
    const canceled = await send('DELETE', `/api/orders/${resting.id}`);
    expect(canceled.status).toBe(200);
    expect(((await canceled.json()) as { status: string }).status).toBe('canceled');

    // prices drop 10 %: every position stops out, and there are closed (losing) trades
    market.level = 0.9;
    await expireCache();
    const stopped = await cycle();
    expect(stopped.filter((s) => s.action === 'exited').map((s) => s.detail)).toEqual(
      SYMBOLS.map(() => 'stop_loss'),
    );

    // cash account: buying with the unsettled proceeds and selling at once is denied (good faith)
    const { cash } = (await (await t.get('/api/portfolio')).json()) as { cash: string };
    const quantity = Math.floor((Number(cash) * 0.9) / (99.5 * market.level + 0.01));
    expect(await order({ symbol: 'NVDA', side: 'buy', quantity, type: 'market' })).toMatchObject({
      status: 'filled',
    });
    expect(await order({ symbol: 'NVDA', side: 'sell', quantity, type: 'market' })).toMatchObject({
      status: 'denied',
      reason: 'good_faith_violation',
    });

    // halted: the cycle's buys are denied; then resumed
    expect(await status('POST', '/api/trading/halt', { reason: 'pipeline test' })).toBe(200);
    await expireCache();
    expect((await cycle()).some((s) => s.action === 'bought')).toBe(false);
    expect(await status('POST', '/api/trading/resume', { reason: 'pipeline test' })).toBe(200);

    // the read side
    for (const path of [
      '/api/portfolio',
      '/api/positions',
      '/api/performance',
      '/api/orders',
      '/api/trades',
      '/api/signals',
      '/api/decisions',
      '/api/strategies',
      '/api/risk',
      '/api/compliance/events',
      '/api/status',
      '/health',
    ]) {
      expect({ path, status: (await t.get(path)).status }).toEqual({ path, status: 200 });
    }

    // No API request makes a healthy app's queries fail: one failing query, in a transaction
    // that rolls back, on the app's own connection pool (the one its query metrics observe).
    await expect(
      t.app.get(DataSource).transaction((manager) => manager.query('SELECT 1 / 0')),
    ).rejects.toThrow(/division by zero/);

    // Redis goes away: the cache says so and the provider answers instead
    await redis.stop();
    expect((await t.get('/api/market/quote/AAPL')).status).toBe(200);

    // every series the workload created has at least two samples in Prometheus (rates need two)
    await prometheus.waitForScrapes(JOB, 3);
    // the performance gauges (win rate, P/L per strategy) are recomputed at most every 30 s
    // (src/portfolio/performance.service.ts): wait for the first computation with closed trades
    await prometheus.waitFor(`strategy_win_rate{job="${JOB}"}`, 40_000);
  }, 60_000);

  it('runs every query of every dashboard panel without error, each returning data', async () => {
    const failed: string[] = [];
    const empty: string[] = [];
    for (const query of QUERIES) {
      const answer = await prometheus.query(expand(query.expr));
      if (answer.status !== 'success') {
        failed.push(`${query.where}: ${answer.error}\n    ${query.expr}`);
      } else if (
        answer.data.result.length === 0 &&
        !(query.where in MAY_BE_EMPTY) &&
        !(query.panel in MAY_BE_EMPTY)
      ) {
        empty.push(`${query.where}\n    ${query.expr}`);
      }
    }
    expect(QUERIES.length).toBeGreaterThan(200);
    expect(failed).toEqual([]);
    expect(empty).toEqual([]);
    // the allow-list names real panels and queries only
    const known = new Set(QUERIES.flatMap((query) => [query.where, query.panel]));
    expect(Object.keys(MAY_BE_EMPTY).filter((where) => !known.has(where))).toEqual([]);
  }, 20_000);

  it('runs every rule expression without error, and every rule group evaluates healthily', async () => {
    const failed: string[] = [];
    for (const rule of RULES) {
      const answer = await prometheus.query(rule.expr);
      if (answer.status !== 'success')
        failed.push(`${rule.group} / ${rule.alert ?? rule.record}: ${answer.error}`);
    }
    expect(RULES.length).toBeGreaterThan(20);
    expect(failed).toEqual([]);

    const groups = await prometheus.evaluatedRuleGroups(10_000);
    expect(groups.map((g) => g.name).sort()).toEqual(
      [...new Set(RULES.map((rule) => rule.group))].sort(),
    );
    expect(groups.flatMap((g) => g.rules).length).toBe(RULES.length);
    const unhealthy = groups.flatMap((g) =>
      g.rules
        .filter((rule) => rule.health !== 'ok')
        .map((rule) => `${g.name} / ${rule.name}: ${rule.health} ${rule.lastError ?? ''}`),
    );
    expect(unhealthy).toEqual([]);
  }, 20_000);

  it("every metric a panel or a rule names is in the app's /metrics output", async () => {
    const exposed = exposedNames(await t.scrape());
    const recorded = new Set(RULES.flatMap((rule) => (rule.record ? [rule.record] : [])));
    const named = [
      ...QUERIES.flatMap((query) =>
        metricNamesIn(query.expr).map((name) => ({ where: query.where, name })),
      ),
      ...RULES.flatMap((rule) =>
        seriesNames(rule.expr).map((name) => ({
          where: `${rule.file} / ${rule.alert ?? rule.record}`,
          name,
        })),
      ),
    ];
    // `up` is Prometheus's own; level:metric:operations series are the recording rules' own
    const missing = named
      .filter(({ name }) => name !== 'up' && !recorded.has(name) && !exposed.has(name))
      .map(({ where, name }) => `${where}: ${name}`);
    expect(new Set(named.map(({ name }) => name)).size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});

import fc from 'fast-check';
import { DataSource } from 'typeorm';
import {
  closedLabelValues,
  databaseState,
  inPool,
  labelValues,
  openLabelValues,
  RawClient,
  seriesKeys,
} from './support/hostile-http';
import { parseSamples } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

const REQUESTS = 10_000;
const IN_FLIGHT = 16;
const WATCHLIST = ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'];
const SYMBOL_ROUTES = ['market/quote', 'market/bars', 'sentiment', 'options-flow'];

/** Path segments that look like the app's own, traversal and encoding tricks, or anything. */
const segment = fc.oneof(
  fc.constantFrom('api', 'orders', 'market', 'quote', 'signals', 'decisions', 'strategies'),
  fc.constantFrom('metrics', 'health', 'ready', 'docs', 'status', 'performance', 'trades'),
  fc.constantFrom('..', '.', '', '%2F', '%2e%2e', '%00', '%C0%AF', '%FF', '%', '%zz', '*', ':id'),
  fc.string({ maxLength: 12, unit: 'binary' }).map(encodeURIComponent),
  fc.webSegment(),
);

/** Random method, path and query; never a route that trades (those need their own bodies). */
const randomRequest = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'DELETE', 'PROPFIND'),
  path: fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  query: fc.option(fc.webQueryParameters(), { nil: undefined }),
});

/** Symbols: on the watchlist in any case, ticker-shaped but unknown, or any text at all. */
const randomSymbol = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...WATCHLIST), fc.boolean())
      .map(([symbol, lower]) => (lower ? symbol.toLowerCase() : symbol)),
  },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Z][A-Z0-9.]{0,9}$/) },
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 16, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 16, unit: 'grapheme' }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '${jndi:ldap://x}',
      '<img src=x>',
      "' OR 1=1 --",
      '%00',
      '..',
      'A'.repeat(500),
    ),
  },
);

/** Where a symbol goes: a path parameter, or the `symbol` filter of a journal query. */
const symbolTarget = (symbol: string, index: number): string => {
  const encoded = encodeURIComponent(symbol);
  if (index % 5 === 4) {
    const journal = ['orders', 'trades', 'signals', 'decisions'][(index >> 3) % 4];
    return `/api/${journal}?symbol=${encoded}`;
  }
  return `/api/${SYMBOL_ROUTES[index % 4]}/${encoded}`;
};

describe('hostile input: 10,000 random URLs and 10,000 random symbols', () => {
  let t: TestApp;
  let db: DataSource;
  let client: RawClient;

  beforeAll(async () => {
    t = await createTestApp({
      env: { PROVIDER_CACHE_TTL_MS: '60000', RATE_LIMIT_PER_MINUTE: '0' },
    });
    db = t.app.get(DataSource);
    client = new RawClient(t.url);
    // Every code-defined series a symbol request can create (providers, per-symbol gauges, each
    // route's 200, 400 and 404) exists before the flood, so the flood may add none of its own.
    for (const route of SYMBOL_ROUTES)
      for (const symbol of [...WATCHLIST, 'ZZZZ', '-'])
        for (const _twice of [1, 2]) await client.send({ path: `/api/${route}/${symbol}` });
    for (const journal of ['orders', 'trades', 'signals', 'decisions'])
      for (const symbol of ['AAPL', 'ZZZZ', '-'])
        await client.send({ path: `/api/${journal}?symbol=${symbol}` });
  });
  afterAll(async () => {
    client.close();
    await t.close();
  });

  /** Sends every request with 16 in flight; returns how many got each status. */
  const flood = async (targets: Array<{ method: string; path: string }>) => {
    const statuses = new Map<number, number>();
    const started = performance.now();
    await inPool(targets, IN_FLIGHT, async (target) => {
      const { status } = await client.send(target);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `flood: ${targets.length} requests in ${seconds.toFixed(1)} s (${Math.round(targets.length / seconds)}/s), statuses ${JSON.stringify([...statuses].sort())}\n`,
    );
    return statuses;
  };

  /** The series the flood added, by family, with no histogram buckets (they follow their series). */
  const addedSeries = (before: string, after: string): string[] => {
    const known = seriesKeys(before);
    return [...seriesKeys(after)].filter(
      (key) => !known.has(key) && !/_bucket\[/.test(key) && !/_(sum|count)\[/.test(key),
    );
  };

  it('answers 10,000 random URLs without a 5xx, and adds only a few closed-set series', async () => {
    const requests = fc.sample(randomRequest, { numRuns: REQUESTS, seed: 31 });
    const before = await t.scrape();
    const state = await databaseState(db);
    const statuses = await flood(
      requests.map(({ method, path, query }) => ({
        method,
        path: query === undefined ? path : `${path}?${query}`,
      })),
    );
    const after = await t.scrape();
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(REQUESTS);
    expect(openLabelValues(before, after, closedLabelValues(t.app))).toEqual([]);
    // no label value contains a generated text (other than one that is part of a legitimate value)
    const legitimate = [...closedLabelValues(t.app), ...labelValues(before)].join('\n');
    const labels = [...labelValues(after)].join('\n');
    const distinctive = requests
      .flatMap(({ path, query }) => [path, query ?? ''])
      .filter((text) => text.length >= 4 && !legitimate.includes(text));
    expect(distinctive.length).toBeGreaterThan(REQUESTS / 2);
    expect(distinctive.filter((text) => labels.includes(text))).toEqual([]);
    const added = addedSeries(before, after);
    process.stdout.write(
      `series: ${seriesKeys(before).size} before, ${seriesKeys(after).size} after; added without buckets: ${added.length}\n`,
    );
    // (route template or <unmatched>) × method × status: 23 with these seeds, 30 allowed
    expect(added.length).toBeLessThanOrEqual(30);
    expect(added.filter((key) => !/^(http_|errors_total)/.test(key))).toEqual([]);
    expect(await databaseState(db)).toEqual(state);
  }, 120_000);

  it('answers 10,000 random symbols without a 5xx, and labels nothing with them', async () => {
    const symbols = fc.sample(randomSymbol, { numRuns: REQUESTS, seed: 32 });
    const before = await t.scrape();
    const state = await databaseState(db);
    const statuses = await flood(
      symbols.map((symbol, index) => ({ method: 'GET', path: symbolTarget(symbol, index) })),
    );
    const after = await t.scrape();
    expect([...statuses.keys()].sort()).toEqual([200, 400, 404]);
    // The only series that may appear are per-symbol ones for the watchlist (a sentiment
    // divergence counted for the first time, say): one per family and symbol at most.
    const added = addedSeries(before, after);
    process.stdout.write(
      `series: ${seriesKeys(before).size} before, ${seriesKeys(after).size} after; added: ${JSON.stringify(added)}\n`,
    );
    expect(
      added.filter((key) => !WATCHLIST.some((symbol) => key.includes(`["symbol","${symbol}"]`))),
    ).toEqual([]);
    expect(added.length).toBeLessThanOrEqual(WATCHLIST.length * 3);
    const symbolLabels = parseSamples(after)
      .map((sample) => sample.labels.symbol)
      .filter((symbol) => symbol !== undefined);
    expect(new Set(symbolLabels)).toEqual(new Set(WATCHLIST));
    expect(openLabelValues(before, after, closedLabelValues(t.app))).toEqual([]);
    expect(await databaseState(db)).toEqual(state);
  }, 120_000);
});

import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { parseSamples } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

/** Any JSON value, including the awkward ones (huge, negative, fractional numbers, long strings). */
const anything = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.string({ maxLength: 40 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** An order body where every field may be valid, invalid, missing, or joined by an unknown one. */
const orderBody = fc.record(
  {
    clientOrderId: fc.oneof(fc.string({ maxLength: 70 }), anything),
    symbol: fc.oneof(
      fc.constantFrom('AAPL', 'msft', 'ZZZZ', '', 'A'.repeat(20), '../etc'),
      anything,
    ),
    side: fc.oneof(fc.constantFrom('buy', 'sell', 'BUY', 'hold'), anything),
    quantity: fc.oneof(fc.constantFrom(1, 0, -1, 1.5, 1e9), anything),
    type: fc.oneof(fc.constantFrom('market', 'limit', 'stop'), anything),
    limitPrice: fc.oneof(fc.constantFrom(1, -1, 0.00001, 1e9), anything),
    strategy: fc.oneof(fc.constantFrom('sma-crossover', 'nope', 'DROP TABLE'), anything),
    extra: anything,
  },
  { requiredKeys: [] },
);

describe('hostile input: property-based (fast-check) over the request DTOs', () => {
  let t: TestApp;
  let db: DataSource;
  const rows = async () =>
    (await db.query(
      'SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_events) + (SELECT count(*) FROM signals) AS n',
    )) as Array<{ n: string }>;

  beforeAll(async () => {
    t = await createTestApp({ env: { PROVIDER_CACHE_TTL_MS: '60000' } });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, method = 'POST') =>
    t.get(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('never answers an order body with a 5xx; every refusal is a 4xx with a message', async () => {
    await fc.assert(
      fc.asyncProperty(orderBody, async (body) => {
        const response = await post('/api/orders', body);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const error = (await response.json()) as { message: unknown };
          expect(error.message).toBeTruthy();
        } else {
          await response.body?.cancel();
        }
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });

  it('writes no order, order event or signal for bodies that fail validation', async () => {
    const before = await rows();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          quantity: fc.oneof(fc.double(), fc.string(), fc.constant(0)),
          side: anything,
          extra: anything,
        }),
        async (body) => {
          const response = await post('/api/orders', { symbol: 'AAPL', type: 'market', ...body });
          expect(response.status).toBe(400);
          await response.body?.cancel();
        },
      ),
      { numRuns: 100, seed: 7 },
    );
    const evaluations = fc.record(
      { symbol: anything, extra: anything },
      { requiredKeys: ['extra'] },
    );
    await fc.assert(
      fc.asyncProperty(evaluations, async (body) => {
        const response = await post('/api/strategies/breakout/evaluate', body);
        expect(response.status).toBe(400);
        await response.body?.cancel();
      }),
      { numRuns: 50, seed: 8 },
    );
    const patches = fc.record({ enabled: anything, parameters: anything }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(patches, async (body) => {
        const response = await post('/api/strategies/sma-crossover', body, 'PATCH');
        expect(response.status).toBeLessThan(500);
        await response.body?.cancel();
      }),
      { numRuns: 100, seed: 9 },
    );
    expect((await rows())[0].n).toBe(before[0].n);
  });

  it('keeps the number of series bounded under random paths, symbols and query strings', async () => {
    const seriesBefore = parseSamples(await t.scrape()).length;
    await fc.assert(
      fc.asyncProperty(
        fc.webPath(),
        fc.string({ maxLength: 12 }),
        fc.webQueryParameters(),
        async (path, symbol, query) => {
          const targets = [
            `${path}?${query}`,
            `/api/market/quote/${encodeURIComponent(symbol)}`,
            `/api/signals?${query}`,
          ];
          for (const target of targets) {
            const response = await t.get(target.startsWith('/') ? target : `/${target}`);
            expect(response.status).toBeLessThan(500);
            await response.body?.cancel();
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
    const seriesAfter = parseSamples(await t.scrape()).length;
    // New series may only come from the fixed sets: a few status codes and error types per endpoint.
    expect(seriesAfter - seriesBefore).toBeLessThan(150);
  });
});

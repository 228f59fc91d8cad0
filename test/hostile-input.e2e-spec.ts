import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { databaseState, registeredRoutes } from './support/hostile-http';
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

/** Mostly `valid` (so bodies get past validation and reach the service), sometimes anything. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: anything });

/** An order body where every field may be valid, invalid, null, missing, or joined by an unknown one. */
const orderBody = fc.record(
  {
    clientOrderId: mostly(fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/)),
    symbol: mostly(fc.constantFrom('AAPL', 'msft', 'ZZZZ', '', 'A'.repeat(20), '../etc')),
    side: mostly(fc.constantFrom('buy', 'sell', 'BUY', 'hold')),
    quantity: mostly(fc.constantFrom(1, 2, 0, -1, 1.5, 1e9)),
    type: mostly(fc.constantFrom('market', 'limit', 'stop')),
    limitPrice: mostly(fc.constantFrom(1, 150.25, -1, 0.00001, 1e9)),
    strategy: mostly(fc.constantFrom('sma-crossover', 'nope', 'DROP TABLE')),
    extra: anything,
  },
  { requiredKeys: [] },
);

/** A query value: well-formed for some field, or not for any. */
const queryValue = fc.oneof(
  fc.constantFrom('1', '50', '500', '501', '0', '-1', '0x10', '1e2', ' 5', ''),
  fc.constantFrom('AAPL', 'msft', 'ZZZZ', 'BRK.B', '%00', '../x'),
  fc.constantFrom('2026-01-01T00:00:00Z', '1', '-271821-04-20T00:00:00Z', '2026-02-30'),
  fc.constantFrom('sma-crossover', 'manual', 'nope', 'long', 'flat', 'buy', 'hold', 'filled'),
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
);

/** A query string of known and unknown keys, a key possibly repeated. */
const queryOf = (keys: string[]) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), queryValue), {
      maxLength: 4,
    })
    .map((pairs) => ({ pairs, text: new URLSearchParams(pairs).toString() }));

/** Routes that take no body, params or query (the guard and the headers spec cover them). */
const WITHOUT_INPUT = [
  'GET /api/status',
  'GET /api/strategies',
  'GET /api/positions',
  'GET /api/portfolio',
  'GET /api/risk',
  'POST /api/trading/cycle',
];

/** Every route that takes input, with the test below that drives it with generated input. */
const COVERED = [
  'POST /api/orders',
  'GET /api/orders',
  'GET /api/orders/:id',
  'DELETE /api/orders/:id',
  'GET /api/trades',
  'GET /api/market/quote/:symbol',
  'GET /api/market/bars/:symbol',
  'GET /api/sentiment/:symbol',
  'GET /api/options-flow/:symbol',
  'PATCH /api/strategies/:name',
  'POST /api/strategies/:name/evaluate',
  'GET /api/signals',
  'GET /api/decisions',
  'POST /api/decisions/evaluate',
  'GET /api/compliance/events',
  'GET /api/performance',
  'PUT /api/risk/limits',
  'POST /api/trading/halt',
  'POST /api/trading/resume',
];

interface ErrorBody {
  statusCode: number;
  message: string | string[];
}

describe('hostile input: property-based (fast-check) over every route that takes input', () => {
  let t: TestApp;
  let db: DataSource;
  const state = () => databaseState(db);

  beforeAll(async () => {
    t = await createTestApp({
      env: { PROVIDER_CACHE_TTL_MS: '60000', RATE_LIMIT_PER_MINUTE: '0' },
    });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const send = (path: string, body: unknown, method = 'POST') =>
    t.get(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** Never a 5xx; a refusal is a 4xx whose message is not empty; returns status and JSON. */
  const answer = async (response: Response): Promise<{ status: number; json: unknown }> => {
    expect(response.status).toBeLessThan(500);
    const json: unknown = await response.json();
    if (response.status >= 400) {
      const { message, statusCode } = json as ErrorBody;
      expect(statusCode).toBe(response.status);
      expect(message.length).toBeGreaterThan(0);
    }
    return { status: response.status, json };
  };

  it('covers every registered /api route that takes a body, params or query', () => {
    const routes = registeredRoutes(t.app)
      .filter((route) => route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${route.path}`);
    expect(new Set(routes)).toEqual(new Set([...COVERED, ...WITHOUT_INPUT]));
  });

  it('POST /api/orders: never a 5xx, a 4xx with a message, and an accepted order is the one sent', async () => {
    await fc.assert(
      fc.asyncProperty(orderBody, async (body) => {
        const { status, json } = await answer(await send('/api/orders', body));
        if (status === 200 || status === 201) {
          const order = json as Record<string, unknown>;
          expect(order).toMatchObject({
            symbol: String(body.symbol).toUpperCase(),
            side: body.side,
            type: body.type,
            quantity: String(body.quantity),
          });
          if (body.clientOrderId !== undefined)
            expect(order.clientOrderId).toBe(body.clientOrderId);
        }
      }),
      { numRuns: 100, seed: 20261125 },
    );
  });

  it('writes nothing at all for order and evaluation bodies that fail validation', async () => {
    const before = await state();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          quantity: fc.oneof(fc.double(), fc.string(), fc.constant(0), fc.constant(null)),
          side: anything,
          extra: anything,
        }),
        async (body) => {
          const response = await send('/api/orders', { symbol: 'AAPL', type: 'market', ...body });
          expect(response.status).toBe(400);
          await answer(response);
        },
      ),
      { numRuns: 100, seed: 7 },
    );
    const evaluations = fc.record(
      { symbol: anything, extra: anything },
      { requiredKeys: ['extra'] },
    );
    await fc.assert(
      fc.asyncProperty(
        evaluations,
        fc.constantFrom('/api/strategies/breakout/evaluate', '/api/decisions/evaluate'),
        async (body, path) => {
          const response = await send(path, body);
          expect(response.status).toBe(400);
          await answer(response);
        },
      ),
      { numRuns: 80, seed: 8 },
    );
    expect(await state()).toEqual(before);
  });

  it('treats null as a value: an optional field sent as null is refused, and nothing is stored', async () => {
    const market = { symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' };
    const nulls: Array<[string, string, Record<string, unknown>]> = [
      ['POST', '/api/orders', { ...market, clientOrderId: null }],
      ['POST', '/api/orders', { ...market, strategy: null }],
      ['POST', '/api/orders', { ...market, limitPrice: null }],
      ['POST', '/api/orders', { ...market, type: 'limit', limitPrice: null }],
      ['PATCH', '/api/strategies/breakout', { enabled: null }],
      ['PATCH', '/api/strategies/breakout', { parameters: null }],
      ['PUT', '/api/risk/limits', { maxOrderNotional: null }],
      ['PUT', '/api/risk/limits', { maxPositionNotional: null }],
      ['PUT', '/api/risk/limits', { maxOpenPositions: null }],
      ['PUT', '/api/risk/limits', { dailyLossLimit: null }],
      ['POST', '/api/trading/halt', { reason: null }],
      ['POST', '/api/trading/resume', { reason: null }],
    ];
    const before = await state();
    for (const [method, path, body] of nulls) {
      const response = await send(path, body, method);
      expect([path, body, response.status]).toEqual([path, body, 400]);
      await answer(response);
    }
    expect(await state()).toEqual(before);
  });

  it('POST evaluate: a symbol is evaluated, refused with a 4xx, or unknown (404) — with any strategy name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom('AAPL', 'spy', 'ZZZZ', 'brk.b'), anything),
        fc.oneof(fc.constantFrom('breakout', 'nope'), fc.string({ minLength: 1, maxLength: 20 })),
        async (symbol, name) => {
          const before = await state();
          const path = `/api/strategies/${encodeURIComponent(name)}/evaluate`;
          const { status, json } = await answer(await send(path, { symbol }));
          if (status === 200) {
            expect(json).toMatchObject({ strategy: name, symbol: String(symbol).toUpperCase() });
          } else {
            expect(await state()).toEqual(before);
          }
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });

  it('PATCH /api/strategies/:name: a refusal changes no setting; an accepted change is what is stored', async () => {
    const patches = fc.record(
      {
        enabled: fc.oneof(fc.boolean(), anything),
        parameters: fc.oneof(
          fc.record(
            { lookback: fc.oneof(fc.integer({ min: 0, max: 300 }), anything) },
            { requiredKeys: [] },
          ),
          anything,
        ),
        extra: anything,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        patches,
        fc.constantFrom('breakout', 'nope', 'BREAKOUT'),
        async (patch, name) => {
          const before = await state();
          const { status, json } = await answer(
            await send(`/api/strategies/${name}`, patch, 'PATCH'),
          );
          if (status !== 200) {
            expect(await state()).toEqual(before);
            return;
          }
          const listed = (await (await t.get('/api/strategies')).json()) as Array<{
            name: string;
          }>;
          expect(listed.find((strategy) => strategy.name === name)).toEqual(json);
          const [stored] = (await db.query(
            'SELECT enabled, parameters FROM strategy_settings WHERE name = $1',
            [name],
          )) as Array<{ enabled: boolean; parameters: Record<string, number> }>;
          expect(json).toMatchObject(stored);
        },
      ),
      { numRuns: 80, seed: 9 },
    );
  });

  it('PUT /api/risk/limits: a refusal changes no limit; accepted limits are what /api/risk reports', async () => {
    const money = fc.oneof(
      fc.double({ min: 1, max: 1e9, noNaN: true }),
      fc.constantFrom(0, -1, 1e10, 0.5, '25000'),
      anything,
    );
    const limits = fc.record(
      {
        maxOrderNotional: money,
        maxPositionNotional: money,
        maxOpenPositions: fc.oneof(fc.integer({ min: -5, max: 1005 }), anything),
        dailyLossLimit: money,
        extra: anything,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(limits, async (body) => {
        const before = await state();
        const { status, json } = await answer(await send('/api/risk/limits', body, 'PUT'));
        if (status !== 200) {
          expect(await state()).toEqual(before);
          return;
        }
        expect(json).toMatchObject(body);
        for (const limit of Object.values(json as Record<string, unknown>))
          expect(Number.isFinite(limit) && (limit as number) >= 1).toBe(true);
        const risk = (await (await t.get('/api/risk')).json()) as { limits: unknown };
        expect(risk.limits).toEqual(json);
      }),
      { numRuns: 80, seed: 13 },
    );
  });

  it('POST /api/trading/halt|resume: a refusal journals nothing; an accepted one sets the state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('halt', 'resume'),
        fc.record(
          { reason: fc.oneof(fc.string({ maxLength: 220 }), anything), extra: anything },
          { requiredKeys: [] },
        ),
        async (action, body) => {
          const before = await state();
          const { status, json } = await answer(await send(`/api/trading/${action}`, body));
          if (status !== 200) {
            expect(await state()).toEqual(before);
            return;
          }
          expect(json).toMatchObject({ tradingState: action === 'halt' ? 'halted' : 'active' });
        },
      ),
      { numRuns: 60, seed: 14 },
    );
    expect((await send('/api/trading/resume', {})).status).toBe(200);
  });

  it('GET queries: never a 5xx, a 4xx with a message, and an answer that honours the filters', async () => {
    const routes: Array<[string, string[]]> = [
      ['/api/orders', ['limit', 'symbol', 'status']],
      ['/api/trades', ['limit', 'symbol', 'status']],
      ['/api/signals', ['limit', 'symbol', 'since', 'strategy', 'direction']],
      ['/api/decisions', ['limit', 'symbol', 'since', 'action']],
      ['/api/compliance/events', ['limit']],
      ['/api/performance', ['strategy']],
      ['/api/market/bars/AAPL', ['limit']],
    ];
    const before = await state();
    for (const [index, [path, keys]] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(queryOf(keys), async ({ pairs, text }) => {
          const { status, json } = await answer(await t.get(`${path}?${text}`));
          if (status !== 200 || path === '/api/performance') return;
          const items = json as Array<Record<string, unknown>>;
          const given = new Map(pairs);
          const limit = given.get('limit');
          if (limit !== undefined) expect(items.length).toBeLessThanOrEqual(Number(limit));
          for (const field of ['symbol', 'strategy', 'direction', 'action', 'status']) {
            const wanted = given.get(field);
            if (wanted === undefined || path === '/api/trades') continue;
            const expected = field === 'symbol' ? wanted.toUpperCase() : wanted;
            for (const item of items) expect(item[field]).toBe(expected);
          }
        }),
        { numRuns: 40, seed: 100 + index },
      );
    }
    expect(await state()).toEqual(before);
  });

  it('path params: any order id, symbol or strategy name is a 2xx or a clear 4xx, and GETs write nothing', async () => {
    const before = await state();
    const id = fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }).map(String),
        fc.constantFrom('-1', '0', '1.5', '1e3', '%00', 'null'),
      )
      .filter((text) => text !== '.' && text !== '..'); // fetch resolves dot segments
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('GET', 'DELETE'), async (orderId, method) => {
        const { status } = await answer(
          await t.get(`/api/orders/${encodeURIComponent(orderId)}`, { method }),
        );
        expect([400, 404]).toContain(status);
      }),
      { numRuns: 120, seed: 15 },
    );
    const symbol = fc.oneof(
      fc.constantFrom('AAPL', 'msft', 'ZZZZ', 'BRK.B', 'A'.repeat(11)),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        symbol,
        fc.constantFrom('market/quote', 'market/bars', 'sentiment', 'options-flow'),
        async (ticker, resource) => {
          const { status, json } = await answer(
            await t.get(`/api/${resource}/${encodeURIComponent(ticker)}`),
          );
          if (status === 200 && !Array.isArray(json))
            expect(json).toMatchObject({ symbol: ticker.toUpperCase() });
          if (status !== 200) expect([400, 404]).toContain(status);
        },
      ),
      { numRuns: 120, seed: 16 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 50 }), async (name) => {
        const { status } = await answer(
          await send(`/api/strategies/${encodeURIComponent(name)}`, { enabled: false }, 'PATCH'),
        );
        expect(status).toBe(404);
      }),
      { numRuns: 60, seed: 17 },
    );
    expect(await state()).toEqual(before);
  });
});

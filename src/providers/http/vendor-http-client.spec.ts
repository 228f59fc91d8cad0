import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  parseRetryAfter,
  VendorCallObserver,
  VendorHttpClient,
  VendorHttpError,
  VendorHttpOptions,
} from './vendor-http-client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface ReceivedRequest {
  method?: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

/** A vendor on a real socket: handlers answer requests in order, the last one repeats. */
class VendorStub {
  readonly requests: ReceivedRequest[] = [];
  private handlers: Handler[] = [];
  private readonly server: Server = createServer((req, res) => {
    this.requests.push({
      method: req.method,
      url: new URL(req.url ?? '/', 'http://stub'),
      headers: req.headers,
    });
    const handler = this.handlers.length > 1 ? this.handlers.shift() : this.handlers[0];
    (handler ?? json(500, { error: 'no handler' }))(req, res);
  });
  origin = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  reply(...handlers: Handler[]): void {
    this.handlers = handlers;
  }

  reset(): void {
    this.requests.length = 0;
    this.handlers = [];
  }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

const raw =
  (status: number, body: string | Buffer, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

const neverAnswer: Handler = () => undefined;
const destroySocket: Handler = (req) => req.socket.destroy();

const API_KEY = 'sk-live-9f2c1d7e-never-leak';
const QUERY_SECRET = 'query-secret-4711';

const stub = new VendorStub();
beforeAll(() => stub.start());
afterAll(() => stub.stop());
beforeEach(() => stub.reset());

interface Harness {
  client: VendorHttpClient;
  sleeps: number[];
  events: string[];
  observer: Required<VendorCallObserver>;
}

function harness(overrides: Partial<VendorHttpOptions> = {}): Harness {
  const sleeps: number[] = [];
  const events: string[] = [];
  const client = new VendorHttpClient({
    baseUrl: `${stub.origin}/v1`,
    apiKey: API_KEY,
    timeoutMs: 2000,
    maxRetries: 2,
    backoffBaseMs: 100,
    maxBackoffMs: 5000,
    random: () => 1,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  const observer: Required<VendorCallObserver> = {
    onAttempt: (attempt) => events.push(`attempt ${attempt}`),
    onRateLimited: (retryAfterMs) => events.push(`rate_limited ${retryAfterMs}`),
    onRetry: (attempt, delayMs, error) => events.push(`retry ${attempt} ${delayMs} ${error.kind}`),
  };
  return { client, sleeps, events, observer };
}

const identity = (body: unknown): unknown => body;

async function failureOf(promise: Promise<unknown>): Promise<VendorHttpError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(VendorHttpError);
  return outcome as VendorHttpError;
}

describe('VendorHttpClient against a real HTTP server', () => {
  it('sends the bearer key, the encoded path and the query, and returns the parsed body', async () => {
    const { client, sleeps, events, observer } = harness();
    stub.reply(json(200, { symbol: 'BRK/B', price: 412.5 }));

    const quote = await client.getJson(
      `/quotes/${encodeURIComponent('BRK/B')}`,
      { interval: '1m', limit: 50, note: 'a&b=c d', skipped: undefined },
      (body) => body as { symbol: string; price: number },
      observer,
    );

    expect(quote).toEqual({ symbol: 'BRK/B', price: 412.5 });
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request.method).toBe('GET');
    expect(request.url.pathname).toBe('/v1/quotes/BRK%2FB');
    expect([...request.url.searchParams]).toEqual([
      ['interval', '1m'],
      ['limit', '50'],
      ['note', 'a&b=c d'],
    ]);
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.headers.accept).toBe('application/json');
    expect(sleeps).toEqual([]);
    expect(events).toEqual(['attempt 1']);
  });

  it('sends no authorization header without an api key and tolerates slashes around the path', async () => {
    const { client } = harness({ apiKey: undefined, baseUrl: `${stub.origin}/v1/` });
    stub.reply(json(200, []));

    await client.getJson('/flow/', {}, identity);

    expect(stub.requests[0].headers.authorization).toBeUndefined();
    expect(stub.requests[0].url.pathname).toBe('/v1/flow/');
  });

  it('retries a 500 once and then succeeds', async () => {
    const { client, sleeps, events, observer } = harness();
    stub.reply(json(500, { error: 'boom' }), json(200, { ok: true }));

    await expect(client.getJson('/sentiment/AAPL', {}, identity, observer)).resolves.toEqual({
      ok: true,
    });

    expect(stub.requests).toHaveLength(2);
    expect(sleeps).toEqual([100]);
    expect(events).toEqual(['attempt 1', 'retry 1 100 server_error', 'attempt 2']);
  });

  it('honours Retry-After in seconds on 429 and reports the rate limit', async () => {
    const { client, sleeps, events, observer } = harness();
    stub.reply(json(429, {}, { 'retry-after': '1' }), json(200, { ok: true }));

    await client.getJson('/quotes/AAPL', {}, identity, observer);

    expect(sleeps).toEqual([1000]);
    expect(events).toEqual([
      'attempt 1',
      'rate_limited 1000',
      'retry 1 1000 rate_limited',
      'attempt 2',
    ]);
  });

  it('caps a Retry-After larger than maxBackoffMs', async () => {
    const { client, sleeps, events, observer } = harness({ maxBackoffMs: 3000 });
    stub.reply(json(429, {}, { 'retry-after': '120' }), json(200, { ok: true }));

    await client.getJson('/quotes/AAPL', {}, identity, observer);

    expect(sleeps).toEqual([3000]);
    expect(events).toContain('rate_limited 120000');
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const now = Date.UTC(2030, 0, 2, 3, 4, 5);
    const { client, sleeps } = harness({ now: () => now });
    const retryAt = new Date(now + 2000).toUTCString();
    stub.reply(json(429, {}, { 'retry-after': retryAt }), json(200, { ok: true }));

    await client.getJson('/quotes/AAPL', {}, identity);

    expect(sleeps).toEqual([2000]);
  });

  it('honours Retry-After on 503 as well', async () => {
    const { client, sleeps, events, observer } = harness();
    stub.reply(json(503, {}, { 'retry-after': '2' }), json(200, { ok: true }));

    await client.getJson('/quotes/AAPL', {}, identity, observer);

    expect(sleeps).toEqual([2000]);
    expect(events).not.toContain(expect.stringMatching(/^rate_limited/));
  });

  it('gives up on a permanent 429 as rate_limited after maxRetries + 1 attempts', async () => {
    const { client, sleeps, events, observer } = harness({ maxRetries: 3, maxBackoffMs: 300 });
    stub.reply(json(429, { error: 'slow down' }));

    const error = await failureOf(client.getJson('/options/flow', {}, identity, observer));

    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.attempts).toBe(4);
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toBe(
      'GET /options/flow failed: HTTP 429 (rate_limited) after 4 attempts',
    );
    expect(stub.requests).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 300]);
    expect(events.filter((event) => event.startsWith('rate_limited'))).toEqual(
      Array(4).fill('rate_limited undefined'),
    );
  });

  it('applies full jitter to the exponential backoff', async () => {
    const { client, sleeps } = harness({ maxRetries: 3, random: () => 0.25 });
    stub.reply(json(502, {}));

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('server_error');
    expect(error.status).toBe(502);
    expect(sleeps).toEqual([25, 50, 100]);
  });

  it('retries a 408', async () => {
    const { client, sleeps } = harness();
    stub.reply(json(408, {}), json(200, { ok: true }));

    await expect(client.getJson('/quotes/AAPL', {}, identity)).resolves.toEqual({ ok: true });
    expect(sleeps).toEqual([100]);
  });

  it('does not retry a 404', async () => {
    const { client, sleeps, events, observer } = harness();
    stub.reply(json(404, { error: 'unknown symbol' }));

    const error = await failureOf(client.getJson('/quotes/NOPE', {}, identity, observer));

    expect(error.kind).toBe('client_error');
    expect(error.status).toBe(404);
    expect(error.attempts).toBe(1);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('GET /quotes/NOPE failed: HTTP 404 (client_error) after 1 attempt');
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(events).toEqual(['attempt 1']);
  });

  it('times out a vendor that never answers, on every attempt', async () => {
    const { client, sleeps } = harness({ timeoutMs: 100, maxRetries: 1 });
    stub.reply(neverAnswer);

    const started = Date.now();
    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('timeout');
    expect(error.status).toBeUndefined();
    expect(error.attempts).toBe(2);
    expect(error.message).toBe('GET /quotes/AAPL failed: timeout after 2 attempts');
    expect(stub.requests).toHaveLength(2);
    expect(sleeps).toEqual([100]);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out a body that stalls after the headers', async () => {
    const { client } = harness({ timeoutMs: 100, maxRetries: 0 });
    stub.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"price":');
    });

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('timeout');
    expect(stub.requests).toHaveLength(1);
  });

  it('reports a destroyed socket as a retryable network error', async () => {
    const { client, sleeps } = harness({ maxRetries: 1 });
    stub.reply(destroySocket);

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(error.attempts).toBe(2);
    expect(error.cause).toMatchObject({ message: 'fetch failed' });
    expect(stub.requests).toHaveLength(2);
    expect(sleeps).toEqual([100]);
  });

  it('recovers when the socket is destroyed once', async () => {
    const { client } = harness();
    stub.reply(destroySocket, json(200, { ok: true }));

    await expect(client.getJson('/quotes/AAPL', {}, identity)).resolves.toEqual({ ok: true });
    expect(stub.requests).toHaveLength(2);
  });

  it('reports a socket destroyed in the middle of the body as a network error', async () => {
    const { client } = harness({ maxRetries: 0 });
    stub.reply((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"price":', () => setTimeout(() => req.socket.destroy(), 20));
    });

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('network');
  });

  it('rejects a body that is not JSON without retrying', async () => {
    const { client, sleeps } = harness();
    stub.reply(raw(200, '<html>maintenance</html>', { 'content-type': 'text/html' }));

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('invalid_response');
    expect(error.status).toBe(200);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('rejects a body that is not valid UTF-8', async () => {
    const { client } = harness();
    stub.reply(raw(200, Buffer.from([0x22, 0xff, 0xfe, 0x22])));

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('invalid_response');
  });

  it('rejects an empty body', async () => {
    const { client } = harness();
    stub.reply(raw(204, ''));

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('invalid_response');
    expect(error.status).toBe(204);
  });

  it('turns an exception from parse into invalid_response without retrying', async () => {
    const { client, sleeps } = harness();
    stub.reply(json(200, { price: 'not a number' }));
    const invalid = new Error('price must be a number');

    const error = await failureOf(
      client.getJson('/quotes/AAPL', {}, () => {
        throw invalid;
      }),
    );

    expect(error.kind).toBe('invalid_response');
    expect(error.cause).toBe(invalid);
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('rejects a body larger than maxResponseBytes, declared or streamed', async () => {
    const { client } = harness({ maxResponseBytes: 1024 });
    const big = JSON.stringify({ rows: 'x'.repeat(2000) });
    stub.reply(raw(200, big), (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(big.slice(0, 1000));
      res.end(big.slice(1000));
    });

    const declared = await failureOf(client.getJson('/quotes/AAPL', {}, identity));
    const streamed = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(declared.kind).toBe('invalid_response');
    expect(streamed.kind).toBe('invalid_response');
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[1].headers['content-length']).toBeUndefined();
  });

  it('does not follow redirects, so the key never reaches another location', async () => {
    const { client } = harness();
    stub.reply(raw(302, '', { location: '/elsewhere' }));

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('invalid_response');
    expect(error.status).toBe(302);
    expect(stub.requests).toHaveLength(1);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { client } = harness({ baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });

    const error = await failureOf(client.getJson('/quotes/AAPL', {}, identity));

    expect(error.kind).toBe('network');
  });

  it('ignores an observer that throws', async () => {
    const { client } = harness();
    stub.reply(json(500, {}), json(200, { ok: true }));
    const broken: VendorCallObserver = {
      onAttempt: () => {
        throw new Error('metrics down');
      },
      onRetry: () => {
        throw new Error('metrics down');
      },
    };

    await expect(client.getJson('/quotes/AAPL', {}, identity, broken)).resolves.toEqual({
      ok: true,
    });
  });

  it('never puts the api key or the query in errors, their causes or the client', async () => {
    const { client } = harness({ timeoutMs: 100, maxRetries: 0 });
    const failures: Handler[] = [
      json(401, { error: `bad key ${API_KEY}` }),
      json(429, {}),
      json(500, {}),
      raw(200, 'not json'),
      neverAnswer,
      destroySocket,
    ];
    const errors: VendorHttpError[] = [];
    for (const handler of failures) {
      stub.reply(handler);
      errors.push(
        await failureOf(client.getJson('/quotes/AAPL', { token: QUERY_SECRET }, identity)),
      );
    }

    expect(errors.map((error) => error.kind)).toEqual([
      'client_error',
      'rate_limited',
      'server_error',
      'invalid_response',
      'timeout',
      'network',
    ]);
    for (const error of errors) {
      const rendered = `${error.message}\n${error.stack}\n${inspect(error, { depth: null })}`;
      expect(rendered).not.toContain(API_KEY);
      expect(rendered).not.toContain(QUERY_SECRET);
      expect(JSON.stringify(error)).not.toContain(API_KEY);
    }
    expect(inspect(client, { depth: null, showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
  });
});

describe('VendorHttpClient input validation', () => {
  const valid: VendorHttpOptions = {
    baseUrl: 'http://127.0.0.1:4010/v1',
    timeoutMs: 1000,
    maxRetries: 2,
    backoffBaseMs: 100,
    maxBackoffMs: 5000,
  };

  it.each<[string, Partial<VendorHttpOptions>]>([
    ['a non-http base URL', { baseUrl: 'ftp://127.0.0.1/v1' }],
    ['credentials in the base URL', { baseUrl: 'http://user:pass@127.0.0.1/v1' }],
    ['a query in the base URL', { baseUrl: 'http://127.0.0.1/v1?key=1' }],
    ['a zero timeout', { timeoutMs: 0 }],
    ['fractional retries', { maxRetries: 1.5 }],
    ['negative backoff', { backoffBaseMs: -1 }],
    ['an infinite backoff cap', { maxBackoffMs: Infinity }],
  ])('refuses %s', (_label, override) => {
    expect(() => new VendorHttpClient({ ...valid, ...override })).toThrow();
  });

  it.each(['../admin', 'quotes/..', 'quotes/%2e%2E/admin', '.\\secret', './quotes'])(
    'refuses the dot-segment path %s before sending anything',
    async (path) => {
      const client = new VendorHttpClient({ ...valid, baseUrl: `${stub.origin}/v1` });
      await expect(client.getJson(path, {}, identity)).rejects.toThrow(TypeError);
      expect(stub.requests).toHaveLength(0);
    },
  );

  it('encodes characters that would otherwise start a query or fragment', async () => {
    const client = new VendorHttpClient({ ...valid, baseUrl: `${stub.origin}/v1` });
    stub.reply(json(200, {}));

    await client.getJson('/quotes/A?b#c', { x: 1 }, identity);

    expect(stub.requests[0].url.pathname).toBe('/v1/quotes/A%3Fb%23c');
    expect(stub.requests[0].url.search).toBe('?x=1');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2030, 0, 1);

  it.each<[string | null, number | undefined]>([
    ['0', 0],
    [' 3 ', 3000],
    [new Date(now + 5000).toUTCString(), 5000],
    [new Date(now - 5000).toUTCString(), 0],
    ['Tuesday, 01-Jan-30 00:00:07 GMT', 7000],
    ['Tue Jan  1 00:00:09 2030', 9000],
    ['2030-01-01T00:00:05Z', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads %p as %p ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

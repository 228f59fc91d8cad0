import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { MAX_JSON_DEPTH } from '../src/common/body/json-body';
import { databaseState, RawClient, RawResponse } from './support/hostile-http';
import { parseSamples } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

/** Every route that reads a JSON body, with a body it would accept. */
const BODY_ROUTES: Array<{ method: string; path: string; valid: Record<string, unknown> }> = [
  {
    method: 'POST',
    path: '/api/orders',
    valid: { symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' },
  },
  { method: 'PATCH', path: '/api/strategies/breakout', valid: { enabled: true } },
  { method: 'POST', path: '/api/strategies/breakout/evaluate', valid: { symbol: 'AAPL' } },
  { method: 'POST', path: '/api/decisions/evaluate', valid: { symbol: 'AAPL' } },
  { method: 'PUT', path: '/api/risk/limits', valid: { maxOpenPositions: 10 } },
  { method: 'POST', path: '/api/trading/halt', valid: { reason: 'test' } },
  { method: 'POST', path: '/api/trading/resume', valid: { reason: 'test' } },
];

const JSON_TYPE = { 'content-type': 'application/json' };
const LIMIT_BYTES = 100 * 1024; // HTTP_BODY_LIMIT's default, 100kb

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/** A JSON body of exactly `bytes` bytes: {"reason":"xxx…"}. */
const bodyOfSize = (bytes: number) => `{"reason":"${'x'.repeat(bytes - 13)}"}`;

describe('hostile input: malformed, oversized and mistyped request bodies', () => {
  let t: TestApp;
  let db: DataSource;
  let client: RawClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    db = t.app.get(DataSource);
    client = new RawClient(t.url);
  });
  afterAll(async () => {
    client.close();
    await t.close();
  });

  /** Sends to every body route; each must refuse with `status` and `message`, writing nothing. */
  const refusedEverywhere = async (
    body: string | Buffer,
    headers: Record<string, string>,
    status: number,
    message: string | RegExp,
  ) => {
    const before = await databaseState(db);
    for (const { method, path } of BODY_ROUTES) {
      const response = await client.send({ method, path, headers, body });
      expect([method, path, response.status]).toEqual([method, path, status]);
      expectClearError(response, message);
    }
    expect(await databaseState(db)).toEqual(before);
  };

  /** The error body names the problem and the request; the response has the usual headers. */
  const expectClearError = (response: RawResponse, message: string | RegExp) => {
    const error = JSON.parse(response.text) as { message: string | string[]; requestId: string };
    expect([error.message].flat().join('; ')).toMatch(message);
    expect(response.headers['x-request-id']).toBe(error.requestId);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  };

  it('accepts each valid body (so the refusals below are about the body, not the route)', async () => {
    for (const { method, path, valid } of BODY_ROUTES) {
      const response = await client.send({
        method,
        path,
        headers: JSON_TYPE,
        body: JSON.stringify(valid),
      });
      expect([path, response.status]).toEqual([path, path === '/api/orders' ? 201 : 200]);
    }
  });

  it('refuses malformed JSON with a 400 that says so', async () => {
    const malformed = [
      '{"symbol":"AA',
      '{"symbol":"AAPL"} trailing',
      '{"symbol":"AAPL"}}',
      "{'symbol':'AAPL'}",
      '{"reason":"x"}\u0000',
      '{"quantity":NaN}',
      '{"a":1,}',
      '{"a":1 /* comment */}',
      '{"a":"\\x41"}',
      '{',
      '"string"',
      'null',
      '42',
    ];
    for (const body of malformed)
      await refusedEverywhere(body, JSON_TYPE, 400, /^request body is not valid JSON: /);
  });

  it('refuses every mutation of a valid body that is not JSON any more (fast-check)', async () => {
    const before = await databaseState(db);
    const mutated = fc
      .tuple(
        fc.constantFrom(...BODY_ROUTES),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([route, at, insert, truncate]) => {
        const text = JSON.stringify(route.valid);
        const cut = at % text.length;
        return {
          route,
          body: truncate ? text.slice(0, cut) : text.slice(0, cut) + insert + text.slice(cut),
        };
      })
      .filter(({ body }) => {
        try {
          JSON.parse(body);
          return false;
        } catch {
          return body.trim().length > 0; // an empty body is no body
        }
      });
    await fc.assert(
      fc.asyncProperty(mutated, async ({ route, body }) => {
        const response = await client.send({ ...route, headers: JSON_TYPE, body });
        expect(response.status).toBe(400);
        expectClearError(response, /^request body is not valid JSON: /);
      }),
      { numRuns: 150, seed: 21 },
    );
    expect(await databaseState(db)).toEqual(before);
  });

  it('refuses JSON nested 10,000 levels deep (validation would overflow the stack) with a 400', async () => {
    const deep = `request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    await refusedEverywhere(nestedArrays(10_000), JSON_TYPE, 400, deep);
    await refusedEverywhere(nestedObjects(10_000), JSON_TYPE, 400, deep);
    await refusedEverywhere(`{"symbol":${nestedArrays(10_000)}}`, JSON_TYPE, 400, deep);
    await refusedEverywhere(`{"parameters":${nestedObjects(10_000)}}`, JSON_TYPE, 400, deep);
    await refusedEverywhere(nestedArrays(MAX_JSON_DEPTH + 1), JSON_TYPE, 400, deep);
    // at the limit the body is read, and refused by validation instead
    const atLimit = await client.send({
      method: 'POST',
      path: '/api/trading/halt',
      headers: JSON_TYPE,
      body: `{"reason":${nestedArrays(MAX_JSON_DEPTH - 1)}}`,
    });
    expect(atLimit.status).toBe(400);
    expectClearError(atLimit, /reason must be a string/);
  });

  it('refuses __proto__, constructor and prototype keys, anywhere, and Object.prototype stays clean', async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    const polluters = [
      '{"__proto__":{"polluted":true},"symbol":"AAPL","side":"buy","quantity":1,"type":"market"}',
      '{"constructor":{"prototype":{"polluted":true}},"reason":"x"}',
      '{"parameters":{"__proto__":{"polluted":true}}}',
      '{"parameters":{"constructor":5}}',
      '{"reason":"x","nested":[{"prototype":{"polluted":true}}]}',
      '{"\\u005f_proto__":{"polluted":true}}',
    ];
    for (const body of polluters)
      await refusedEverywhere(body, JSON_TYPE, 400, /^request body must not contain the key "/);
    for (const query of ['__proto__[polluted]=1', 'constructor[prototype][polluted]=1']) {
      const response = await client.send({ path: `/api/signals?${query}` });
      expect(response.status).toBe(400);
      expectClearError(response, /should not exist/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
  });

  it('answers a body over HTTP_BODY_LIMIT (100kb) with a 413 that names the limit', async () => {
    expect(t.config.http.bodyLimit).toBe('100kb');
    const tooLarge = 'request body is too large: the limit is 100kb (HTTP_BODY_LIMIT)';
    expect(Buffer.byteLength(bodyOfSize(LIMIT_BYTES))).toBe(LIMIT_BYTES);
    await refusedEverywhere(bodyOfSize(LIMIT_BYTES + 1), JSON_TYPE, 413, tooLarge);
    await refusedEverywhere(bodyOfSize(5 * 1024 * 1024), JSON_TYPE, 413, tooLarge);
    // the limit counts the decoded body: a gzip bomb is refused, though only a few kB are sent
    const bomb = gzipSync(bodyOfSize(2 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    await refusedEverywhere(bomb, { ...JSON_TYPE, 'content-encoding': 'gzip' }, 413, tooLarge);
    // exactly at the limit the body is read, and refused by validation instead
    const atLimit = await client.send({
      method: 'POST',
      path: '/api/trading/halt',
      headers: JSON_TYPE,
      body: bodyOfSize(LIMIT_BYTES),
    });
    expect(atLimit.status).toBe(400);
    expectClearError(atLimit, /reason must be shorter than or equal to 200 characters/);
  });

  it('answers a chunked body over the limit with a 413 too (no Content-Length to check up front)', async () => {
    const before = await databaseState(db);
    const response = await client.send({
      method: 'POST',
      path: '/api/trading/halt',
      headers: { ...JSON_TYPE, 'transfer-encoding': 'chunked' },
      body: bodyOfSize(LIMIT_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expectClearError(response, /too large: the limit is 100kb/);
    expect(await databaseState(db)).toEqual(before);
  });

  it('answers any body that is not JSON with a 415, and runs no handler', async () => {
    const notJson: Array<[string | undefined, string]> = [
      ['text/plain', '{"reason":"x"}'],
      ['text/plain;charset=UTF-8', '{"reason":"x"}'],
      ['application/x-www-form-urlencoded', 'reason=x&symbol=AAPL'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="reason"\r\n\r\nx\r\n--x--\r\n',
      ],
      [undefined, '{"reason":"x"}'],
      ['application/xml', '<reason>x</reason>'],
      ['application/json-patch+json', '[]'],
      ['text/json', '{}'],
      ['application/octet-stream', '\u0000\u0001'],
      ['', '{}'],
    ];
    const mustBeJson = 'request bodies must be JSON: send them with Content-Type: application/json';
    for (const [type, body] of notJson)
      await refusedEverywhere(
        body,
        type === undefined ? {} : { 'content-type': type },
        415,
        mustBeJson,
      );
  });

  it('refuses odd charsets and encodings with a 415 or 400, and reads the well-formed variants', async () => {
    await refusedEverywhere(
      '{}',
      { 'content-type': 'application/json; charset=latin1' },
      415,
      'JSON request bodies must be UTF-8',
    );
    await refusedEverywhere(
      '{}',
      { 'content-type': 'application/json; charset=bogus' },
      415,
      'JSON request bodies must be UTF-8',
    );
    await refusedEverywhere(
      Buffer.from('{"reason":"x"}', 'utf16le'),
      { 'content-type': 'application/json; charset=utf-8' },
      400,
      /^request body is not valid JSON: /,
    );
    await refusedEverywhere(
      '{}',
      { ...JSON_TYPE, 'content-encoding': 'compress' },
      415,
      'Content-Encoding of a request body must be gzip, deflate, br or identity',
    );
    await refusedEverywhere(
      'not gzip',
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      400,
      'request body could not be decoded by its Content-Encoding',
    );
    for (const type of [
      'APPLICATION/JSON',
      'application/json; charset="UTF-8"',
      'application/json;charset=utf-8',
    ]) {
      const response = await client.send({
        method: 'POST',
        path: '/api/trading/resume',
        headers: { 'content-type': type },
        body: '{"reason":"odd but fine"}',
      });
      expect([type, response.status]).toEqual([type, 200]);
    }
    const gzipped = await client.send({
      method: 'POST',
      path: '/api/trading/resume',
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      body: gzipSync('{"reason":"gzipped"}'),
    });
    expect(gzipped.status).toBe(200);
  });

  it('lets body-less requests through whatever their Content-Type (nothing to misread)', async () => {
    const bodyless: Array<Record<string, string>> = [
      {},
      { 'content-type': 'text/plain' },
      { 'content-length': '0' },
    ];
    for (const headers of bodyless) {
      const response = await client.send({ method: 'POST', path: '/api/trading/resume', headers });
      expect(response.status).toBe(200);
    }
  });

  it('never answered any of this with a 5xx (the metrics agree)', async () => {
    const samples = parseSamples(await t.scrape());
    const serverErrors = samples.filter(
      (sample) => sample.name === 'http_requests_total' && sample.labels.status_code >= '500',
    );
    expect(serverErrors).toEqual([]);
    expect(samples.filter((sample) => sample.name === 'exceptions_total')).toEqual([]);
  });

  it('documents the body rules in docs/API.md', () => {
    const api = readFileSync(join(__dirname, '..', 'docs', 'API.md'), 'utf8');
    for (const fact of [
      'HTTP_BODY_LIMIT',
      '100kb',
      '413',
      '415',
      'application/json',
      `${MAX_JSON_DEPTH} levels`,
      '__proto__',
    ])
      expect([fact, api.includes(fact)]).toEqual([fact, true]);
  });
});

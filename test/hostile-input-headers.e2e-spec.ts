import {
  closedLabelValues,
  openLabelValues,
  RawClient,
  rawStatus,
  sendBytes,
  seriesKeys,
} from './support/hostile-http';
import { parseSamples, value } from './support/prometheus-text';
import { createTestApp, TEST_API_TOKEN, TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AUTH = `Authorization: Bearer ${TEST_API_TOKEN}\r\n`;

/** One raw HTTP/1.1 request, for bytes an HTTP client refuses to put on the wire. */
const rawRequest = (requestLine: string, headers = '') =>
  `${requestLine}\r\nHost: localhost\r\n${AUTH}${headers}Connection: close\r\n\r\n`;

describe('hostile input: headers, methods and paths', () => {
  let t: TestApp;
  let client: RawClient;
  let before: string;
  /** Every text a client sent below: none of it may become a label value. */
  const sent: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    client = new RawClient(t.url);
    before = await t.scrape();
  });
  afterAll(async () => {
    client.close();
    await t.close();
  });

  /** Each attack is a test, and is replayed at the end to show it adds no series the second time. */
  const attacks: Array<() => Promise<void>> = [];
  /** Changes what the attacks send in the replay, so a label taken from client text would show. */
  let round = 0;
  const attack = (name: string, run: () => Promise<void>) => {
    attacks.push(run);
    it(name, run);
  };

  attack('echoes a well-formed X-Request-Id and replaces any other with a fresh UUID', async () => {
    const echoed = await client.send({
      path: '/api/status',
      headers: { 'x-request-id': 'trace-42.a:b_c' },
    });
    expect(echoed.headers['x-request-id']).toBe('trace-42.a:b_c');
    const hostile = [
      `round ${round} ü`,
      'ü'.repeat(10),
      'a'.repeat(65),
      'a'.repeat(8000),
      '<script>alert(1)</script>',
      '${jndi:ldap://x/a}',
      'abc%0d%0aSet-Cookie:%20x=1',
      'id with spaces',
      '"quoted"',
      '',
    ];
    for (const id of hostile) {
      sent.push(id);
      const response = await client.send({
        path: '/api/orders/0',
        headers: { 'x-request-id': id },
      });
      expect(response.status).toBe(404);
      const echo = response.headers['x-request-id'] as string;
      expect([id, UUID.test(echo)]).toEqual([id, true]);
      expect((JSON.parse(response.text) as { requestId: string }).requestId).toBe(echo);
      if (id !== '') expect(response.text).not.toContain(id);
    }
  });

  attack(
    'never lets CR, LF, NUL or raw UTF-8 in a header through: Node refuses the request with a 400',
    async () => {
      const smuggled = [
        'X-Request-Id: abc\rSet-Cookie: injected=1\r\n',
        'X-Request-Id: abc\nSet-Cookie: injected=1\r\n',
        'X-Request-Id: abc\u0000def\r\n',
        'X-Request-Id : spaced\r\n',
      ];
      for (const header of smuggled) {
        const answer = await sendBytes(t.url, rawRequest('GET /api/status HTTP/1.1', header));
        expect([header, rawStatus(answer)]).toEqual([header, 400]);
        expect(answer).not.toMatch(/set-cookie|injected/i);
      }
      const utf8 = await sendBytes(
        t.url,
        Buffer.from(rawRequest('GET /api/status HTTP/1.1', 'X-Request-Id: 日本語-ü\r\n'), 'utf8'),
      );
      expect(rawStatus(utf8)).toBe(200);
      expect(/x-request-id: (\S+)/i.exec(utf8)?.[1]).toMatch(UUID);
    },
  );

  attack('ignores Host and X-Forwarded-* tricks: nothing reflected, nothing rerouted', async () => {
    const tricks: Record<string, string> = {
      host: 'evil.example:1',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'gopher',
      'x-forwarded-for': '203.0.113.9, <script>',
      'x-forwarded-prefix': '/evil',
      'x-original-url': '/metrics',
      'x-rewrite-url': '/metrics',
      'x-http-method-override': 'DELETE',
    };
    sent.push('evil.example', '203.0.113.9', '<script>', 'gopher', '/evil');
    const status = await client.send({ path: '/api/status', headers: tricks });
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.headers) + status.text).not.toMatch(/evil|gopher|<script>/);
    expect(status.headers.location).toBeUndefined();
    const missing = await client.send({ path: '/api/orders/0', headers: tricks });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toMatchObject({ path: '/api/orders/0' });
    const anonymous = await client.send({ path: '/api/status', headers: tricks, auth: false });
    expect(anonymous.status).toBe(401);
    // Node keeps the first of two Host headers; nothing here reads Host, so nothing can be misled
    const twoHosts = await sendBytes(
      t.url,
      rawRequest('GET /api/orders/0 HTTP/1.1', 'Host: evil.example\r\n'),
    );
    expect(rawStatus(twoHosts)).toBe(404);
    expect(twoHosts).not.toContain('evil');
  });

  attack('answers huge headers with 431, and a big but legal one normally', async () => {
    const big = await client.send({
      path: '/api/status',
      headers: { 'x-padding': 'p'.repeat(12_000) },
    });
    expect(big.status).toBe(200);
    const huge = await sendBytes(
      t.url,
      rawRequest('GET /api/status HTTP/1.1', `X-Padding: ${'p'.repeat(20_000)}\r\n`),
    );
    expect(rawStatus(huge)).toBe(431);
    const many = Array.from({ length: 300 }, (_, index) => `X-H${index}: ${'v'.repeat(60)}\r\n`);
    expect(
      rawStatus(await sendBytes(t.url, rawRequest('GET /api/status HTTP/1.1', many.join('')))),
    ).toBe(431);
  });

  attack('answers unusual methods with a 4xx, and TRACE echoes nothing back', async () => {
    for (const method of [
      'PROPFIND',
      'PROPPATCH',
      'MKCOL',
      'LOCK',
      'PURGE',
      'SEARCH',
      'TRACE',
      'OPTIONS',
    ]) {
      const response = await client.send({ method, path: '/api/orders' });
      expect([method, response.status >= 400 && response.status < 500]).toEqual([method, true]);
      expect(response.text).not.toContain(TEST_API_TOKEN);
    }
    const head = await client.send({ method: 'HEAD', path: '/api/orders' });
    expect([head.status, head.text]).toEqual([200, '']);
    for (const method of ['FOO', 'GETT', 'get', 'G\u0000ET']) {
      const answer = await sendBytes(t.url, rawRequest(`${method} /api/orders HTTP/1.1`));
      expect([method, rawStatus(answer)]).toEqual([method, 400]);
    }
  });

  attack(
    'answers encoded slashes, dot segments, NUL and overlong UTF-8 in paths with a 4xx',
    async () => {
      const paths = [
        `/no-such-route-${round}/%00`,
        `/api/market/quote/R${round}%C0%AF`,
        `/api/orders/${round}x`,
        '/api/market/quote/%2F..%2Fmetrics',
        '/api/..%2Fmetrics',
        '/api/../metrics',
        '/api/./status/../status',
        '/api/%2e%2e/metrics',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/api/market/quote/%00',
        '/api/market/quote/AAPL%00',
        '/api/market/quote/%C0%AF',
        '/api/market/quote/%E0%80%AF',
        '/api/market/quote/%FF',
        '/api/market/quote/%',
        '/api/market/quote/%zz',
        '/api/orders/%25',
        '/api/orders/%2F',
        '//api//status',
        '/API/STATUS/x',
        '/api/status;x=1/y',
        '/api/market/quote/AAPL%20',
        '/api/market/quote/%E2%80%AE',
        `/api/market/quote/${'A'.repeat(5000)}`,
        `/${'x/'.repeat(2000)}`,
      ];
      sent.push(...paths);
      for (const path of paths) {
        const response = await client.send({ path });
        expect([path, response.status >= 400 && response.status < 500]).toEqual([path, true]);
        expect(() => JSON.parse(response.text) as unknown).not.toThrow();
      }
      for (const requestLine of [
        'GET /api/status\u0000 HTTP/1.1',
        'GET /api/market/quote/\u00C0\u00AF HTTP/1.1',
        'GET /api/market/quote/A\tB HTTP/1.1',
        'GET /api/market/quote/A B HTTP/1.1',
      ]) {
        const answer = await sendBytes(t.url, Buffer.from(rawRequest(requestLine), 'latin1'));
        expect([requestLine, rawStatus(answer)]).toEqual([requestLine, 400]);
      }
    },
  );

  it('added no 5xx and no series labelled with anything a client sent', async () => {
    const after = await t.scrape();
    const samples = parseSamples(after);
    expect(
      samples.filter(
        (sample) => sample.name === 'http_requests_total' && sample.labels.status_code >= '500',
      ),
    ).toEqual([]);
    expect(samples.filter((sample) => sample.name === 'exceptions_total')).toEqual([]);
    expect(openLabelValues(before, after, closedLabelValues(t.app))).toEqual([]);
    for (const text of sent.filter((text) => text.length > 3)) expect(after).not.toContain(text);
    // every unusual method shares one label value
    expect(
      value(after, 'http_requests_total', {
        endpoint: '<unmatched>',
        method: 'OTHER',
        status_code: '404',
      }),
    ).toBe(7);
  });

  it('adds no series at all when every attack is made a second time (the set is bounded)', async () => {
    const series = seriesKeys(await t.scrape());
    round++;
    for (const run of attacks) await run();
    expect([...seriesKeys(await t.scrape())].filter((key) => !series.has(key))).toEqual([]);
  });
});

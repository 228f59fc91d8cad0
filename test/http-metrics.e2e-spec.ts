import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createTestApp, TestApp } from './support/test-app';
import { ProbeController } from './support/probe.controller';
import { labelValues, value } from './support/prometheus-text';

describe('HTTP request metrics (real app, real PostgreSQL, loopback HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ controllers: [ProbeController] });
  });
  afterAll(() => t.close());

  const status = (endpoint: string, method: string, code: number) => ({
    endpoint,
    method,
    status_code: String(code),
  });

  it('counts N requests exactly, with the route template, in the counter and every histogram', async () => {
    const before = await t.scrape();
    const n = 7;
    for (let i = 0; i < n; i++) expect((await t.get('/api/status')).status).toBe(200);
    const after = await t.scrape();

    const delta = (name: string, labels: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    expect(delta('http_requests_total', status('/api/status', 'GET', 200))).toBe(n);
    expect(
      delta('http_request_duration_seconds_count', { endpoint: '/api/status', method: 'GET' }),
    ).toBe(n);
    expect(delta('http_request_size_bytes_count', { endpoint: '/api/status' })).toBe(n);
    expect(delta('http_response_size_bytes_count', { endpoint: '/api/status' })).toBe(n);
    expect(
      delta('http_request_duration_seconds_sum', { endpoint: '/api/status', method: 'GET' }),
    ).toBeGreaterThan(0);
  });

  it('uses the template, not the raw path, for parameterised routes and records body sizes', async () => {
    const before = await t.scrape();
    const body = JSON.stringify({ symbol: 'AAPL', quantity: 3 });
    const response = await t.get('/api/probe/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(201);
    const responseBytes = Number(response.headers.get('content-length'));
    const after = await t.scrape();
    const endpoint = { endpoint: '/api/probe/orders' };
    expect(
      value(after, 'http_request_size_bytes_sum', endpoint) -
        value(before, 'http_request_size_bytes_sum', endpoint),
    ).toBe(Buffer.byteLength(body));
    expect(
      value(after, 'http_response_size_bytes_sum', endpoint) -
        value(before, 'http_response_size_bytes_sum', endpoint),
    ).toBe(responseBytes);
  });

  it('collapses 2,000 random unmatched paths into at most one endpoint value', async () => {
    const before = labelValues(await t.scrape(), 'http_requests_total', 'endpoint');
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, () =>
          t.get(`/${randomBytes(6).toString('hex')}/${randomBytes(4).toString('hex')}?q=${batch}`),
        ),
      );
    }
    const text = await t.scrape();
    const added = [...labelValues(text, 'http_requests_total', 'endpoint')].filter(
      (e) => !before.has(e),
    );
    expect(added.length).toBeLessThanOrEqual(1);
    expect(
      value(text, 'http_requests_total', status('<unmatched>', 'GET', 404)),
    ).toBeGreaterThanOrEqual(2000);
  });

  it('counts a guard rejection as 401 on the route it rejected', async () => {
    const before = await t.scrape();
    const response = await t.get('/api/status', { auth: false });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const after = await t.scrape();
    expect(
      value(after, 'http_requests_total', status('/api/status', 'GET', 401)) -
        value(before, 'http_requests_total', status('/api/status', 'GET', 401)),
    ).toBe(1);
    const errors = { endpoint: '/api/status', error_type: 'unauthorized' };
    expect(
      value(after, 'http_errors_total', errors) - value(before, 'http_errors_total', errors),
    ).toBe(1);
  });

  it('counts a thrown exception as 500, without leaking the message, and as an exception', async () => {
    const before = await t.scrape();
    const response = await t.get('/api/probe/fail');
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toMatch(/SELECT|boom|at .*\.ts/);
    expect(JSON.parse(body)).toMatchObject({ statusCode: 500, message: 'Internal server error' });
    const after = await t.scrape();
    const labels = status('/api/probe/fail', 'GET', 500);
    expect(
      value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels),
    ).toBe(1);
    const errors = { endpoint: '/api/probe/fail', error_type: 'internal_error' };
    expect(
      value(after, 'http_errors_total', errors) - value(before, 'http_errors_total', errors),
    ).toBe(1);
    const exceptions = { type: 'Error', component: 'http' };
    expect(
      value(after, 'exceptions_total', exceptions) - value(before, 'exceptions_total', exceptions),
    ).toBe(1);
  });

  it('answers a validation failure with 400 and the reasons, and counts it', async () => {
    const before = await t.scrape();
    const response = await t.get('/api/probe/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'not a symbol', quantity: -1, extra: true }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string[] };
    expect(body.message).toEqual(
      expect.arrayContaining([
        'symbol must be 1-5 upper-case letters',
        'property extra should not exist',
      ]),
    );
    const after = await t.scrape();
    const labels = status('/api/probe/orders', 'POST', 400);
    expect(
      value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels),
    ).toBe(1);
  });

  it('counts malformed JSON as a 400 (on the unmatched endpoint: the body fails before routing)', async () => {
    const before = await t.scrape();
    const response = await t.get('/api/probe/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"symbol": ',
    });
    expect(response.status).toBe(400);
    const after = await t.scrape();
    const labels = status('<unmatched>', 'POST', 400);
    expect(
      value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels),
    ).toBe(1);
  });

  it('counts a request the client aborts as 499 client_aborted', async () => {
    const before = await t.scrape();
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${t.url}/api/probe/slow`, {
        headers: { authorization: 'Bearer test-api-token-0123456789' },
      });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 100);
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const after = await t.scrape();
    const labels = status('/api/probe/slow', 'GET', 499);
    expect(
      value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels),
    ).toBe(1);
    const errors = { endpoint: '/api/probe/slow', error_type: 'client_aborted' };
    expect(
      value(after, 'http_errors_total', errors) - value(before, 'http_errors_total', errors),
    ).toBe(1);
  });

  it('never counts scrapes and keeps in-flight at zero when idle', async () => {
    const first = await t.scrape();
    await t.scrape();
    const third = await t.scrape();
    expect(labelValues(third, 'http_requests_total', 'endpoint').has('/metrics')).toBe(false);
    expect(value(third, 'http_requests_in_flight')).toBe(0);
    expect(value(first, 'http_requests_in_flight')).toBe(0);
  });

  it('maps unknown methods to one label value', async () => {
    const response = await t.get('/api/status', { method: 'PROPFIND' });
    expect(response.status).toBe(404);
    const methods = labelValues(await t.scrape(), 'http_requests_total', 'method');
    expect(methods.has('PROPFIND')).toBe(false);
    expect(methods.has('OTHER')).toBe(true);
  });
});

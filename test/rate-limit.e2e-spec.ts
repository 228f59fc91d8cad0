import { value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

const LIMIT = 5;

describe('rate limiting of the /api routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  });
  afterAll(() => t.close());

  it('lets a client make RATE_LIMIT_PER_MINUTE requests, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const ok = await t.get('/api/status');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - i - 1));
    }
    const refused = await t.get('/api/status');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { statusCode: number; message: string };
    expect(body.statusCode).toBe(429);
    expect(body.message).toBe(
      `Too many requests: the limit is ${LIMIT} per minute per client; retry after ${retryAfter} s`,
    );
  });

  it('counts the budget per client across every route, with or without a valid token', async () => {
    expect((await t.get('/api/portfolio')).status).toBe(429);
    expect((await t.get('/api/orders/1', { auth: false })).status).toBe(429);
    // Unknown paths never reach a guard: Nest's 404 handler answers them, at no cost.
    expect((await t.get('/api/nothing-here')).status).toBe(404);
  });

  it('never limits health probes, the metrics endpoint or the docs', async () => {
    for (const path of ['/health/live', '/health/ready', '/health', '/docs/openapi.json']) {
      expect([path, (await t.get(path, { auth: false })).status]).toEqual([path, 200]);
    }
  });

  it('counts every refusal by route template, and exposes the limit and the tracked clients', async () => {
    const text = await t.scrape();
    expect(value(text, 'rate_limited_requests_total', { endpoint: '/api/status' })).toBe(1);
    expect(value(text, 'rate_limited_requests_total', { endpoint: '/api/portfolio' })).toBe(1);
    expect(value(text, 'rate_limited_requests_total', { endpoint: '/api/orders/:id' })).toBe(1);
    expect(value(text, 'rate_limit_requests_per_minute')).toBe(LIMIT);
    expect(value(text, 'rate_limit_clients')).toBe(1);
    expect(
      value(text, 'http_requests_total', {
        method: 'GET',
        endpoint: '/api/status',
        status_code: '429',
      }),
    ).toBe(1);
    expect(
      value(text, 'http_errors_total', { endpoint: '/api/status', error_type: 'rate_limited' }),
    ).toBe(1);
  });
});

describe('RATE_LIMIT_PER_MINUTE=0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(() => t.close());

  it('turns rate limiting off: no limit headers, no refusals, no rate-limit series', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const response = await t.get('/api/status');
        expect(response.headers.get('x-ratelimit-limit')).toBeNull();
        return response.status;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(await t.scrape()).not.toMatch(/^rate_limit/m);
  });
});

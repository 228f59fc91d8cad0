import { createTestApp, TestApp } from './support/test-app';

describe('the app surface (OpenAPI, headers, probes, errors)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('publishes OpenAPI at /docs with the API routes and bearer auth, without /metrics', async () => {
    const response = await t.get('/docs/openapi.json', { auth: false });
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, { scheme?: string }> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/status', '/health', '/health/ready']),
    );
    expect(Object.keys(document.paths)).not.toContain('/metrics');
    expect(document.components.securitySchemes.bearer.scheme).toBe('bearer');
    expect((await t.get('/docs', { auth: false })).status).toBe(200);
  });

  it('sends security headers and a request id, reusing a well-formed incoming one', async () => {
    const response = await t.get('/api/status', { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const hostile = await t.get('/api/status', { headers: { 'x-request-id': 'a b{c}"<script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers liveness and readiness with Terminus reports', async () => {
    const live = await t.get('/health/live', { auth: false });
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });
    const ready = (await (await t.get('/health/ready', { auth: false })).json()) as {
      info: Record<string, unknown>;
    };
    expect(Object.keys(ready.info).sort()).toEqual([
      'database',
      'disk',
      'memory_heap',
      'trading_loop',
    ]);
  });

  it('describes the running process at /api/status', async () => {
    const body = (await (await t.get('/api/status')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'tradewatch',
      nodeVersion: process.version,
      previousRun: null,
    });
    expect(typeof body.uptimeSeconds).toBe('number');
  });

  it('rejects a body over the limit with 413 and a clear message', async () => {
    const response = await t.get('/api/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(200 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/too large/i);
  });
});

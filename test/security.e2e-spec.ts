import { registeredRoutes } from './support/hostile-http';
import { createTestApp, TestApp } from './support/test-app';

describe('the API token guard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 on every /api route without the token, and with a wrong one', async () => {
    const api = registeredRoutes(t.app).filter((route) => route.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(20);
    for (const { method, path } of api) {
      const url = path.replace(/:(\w+)/g, (_match, name: string) =>
        name === 'symbol' ? 'AAPL' : '1',
      );
      const headers = { 'content-type': 'application/json' };
      const body = ['GET', 'HEAD', 'DELETE'].includes(method) ? undefined : '{}';
      const anonymous = await t.get(url, { method, headers, body, auth: false });
      const wrong = await t.get(url, {
        method,
        body,
        auth: false,
        headers: { ...headers, authorization: 'Bearer not-the-token-0123456789' },
      });
      expect([method, path, anonymous.status, wrong.status]).toEqual([method, path, 401, 401]);
    }
  });

  it('leaves only health, metrics and the OpenAPI docs outside the token', () => {
    const open = registeredRoutes(t.app)
      .map((route) => route.path)
      .filter((path) => !path.startsWith('/api/') && !path.startsWith('/docs'));
    expect(new Set(open)).toEqual(
      new Set(['/metrics', '/health', '/health/live', '/health/ready']),
    );
  });
});

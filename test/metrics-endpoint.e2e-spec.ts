import { freePort } from '../src/database/embedded-postgres';
import { ALL_METRIC_DEFINITIONS } from '../src/metrics-catalog';
import { checkMetrics, promClientDefaultFamilies } from './support/promtool';
import { parseSamples, value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

const OPENMETRICS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

describe('the metrics endpoint', () => {
  describe('with defaults (same listener, no token)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
      await t.get('/api/status');
      await t.get('/health');
    });
    afterAll(() => t.close());

    it('serves Prometheus text with its content type, outside the API token', async () => {
      const response = await fetch(`${t.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await response.text()).toContain('# TYPE http_requests_total counter');
    });

    it('exposes every family the app defines, with its type', async () => {
      const text = await t.scrape();
      for (const definition of ALL_METRIC_DEFINITIONS) {
        expect(text).toContain(`# TYPE ${definition.name} ${definition.type}`);
      }
      const info = parseSamples(text).filter((sample) => sample.name === 'app_info');
      expect(info).toEqual([
        {
          name: 'app_info',
          labels: {
            app: 'tradewatch',
            version: expect.stringMatching(/^\d+\.\d+\.\d+/),
            node_version: process.version,
          },
          value: 1,
        },
      ]);
    });

    it('passes promtool check metrics for every family we define', async () => {
      const { status, problems } = checkMetrics(await t.scrape());
      const excused = promClientDefaultFamilies();
      const ours = problems.filter((line) => !excused.has(line.split(' ')[0]));
      expect(ours).toEqual([]);
      expect([0, 3]).toContain(status);
    });

    it('answers OpenMetrics when the scraper asks for it, without corrupting later text scrapes', async () => {
      const response = await fetch(`${t.url}/metrics`, { headers: { accept: OPENMETRICS_ACCEPT } });
      expect(response.headers.get('content-type')).toBe(
        'application/openmetrics-text; version=1.0.0; charset=utf-8',
      );
      const body = await response.text();
      expect(body.endsWith('# EOF\n')).toBe(true);
      expect(body).toContain('# TYPE http_requests counter');
      expect(body).toMatch(/^http_requests_total\{/m);
      const text = await t.scrape();
      expect(text).toContain('# TYPE http_requests_total counter');
      expect(text).toMatch(/^http_requests_total\{/m);
    });

    it('mirrors each health indicator into health_indicator_status', async () => {
      const text = await t.scrape();
      for (const indicator of [
        'database',
        'disk',
        'memory_heap',
        'broker',
        'market_data',
        'trading_loop',
      ]) {
        expect(value(text, 'health_indicator_status', { indicator })).toBe(1);
      }
    });

    it('has no bare `up` metric', async () => {
      const samples = parseSamples(await t.scrape());
      expect(samples.some((sample) => sample.name === 'up')).toBe(false);
    });
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    const token = 'metrics-token-abcdef0123456789';
    beforeAll(async () => {
      t = await createTestApp({ env: { METRICS_TOKEN: token } });
    });
    afterAll(() => t.close());

    it('refuses scrapes without the token or with a wrong one, and serves with it', async () => {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } }))
          .status,
      ).toBe(401);
      const response = await fetch(`${t.url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('http_requests_total');
    });
  });

  describe('with METRICS_PORT', () => {
    let t: TestApp;
    let metricsUrl: string;
    beforeAll(async () => {
      const port = await freePort();
      metricsUrl = `http://127.0.0.1:${port}`;
      t = await createTestApp({ env: { METRICS_PORT: String(port) } });
    });
    afterAll(() => t.close());

    it('serves metrics only on the separate listener, and nothing else there', async () => {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
      const response = await fetch(`${metricsUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# TYPE http_requests_total counter');
      expect((await fetch(`${metricsUrl}/api/status`)).status).toBe(404);
      expect((await fetch(`${metricsUrl}/health`)).status).toBe(404);
    });

    it("still counts the app listener's requests, including its /metrics 404", async () => {
      const before = await (await fetch(`${metricsUrl}/metrics`)).text();
      await fetch(`${t.url}/metrics`);
      const after = await (await fetch(`${metricsUrl}/metrics`)).text();
      const labels = { endpoint: '<unmatched>', method: 'GET', status_code: '404' };
      expect(
        value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels),
      ).toBe(1);
    });
  });

  describe('with METRICS_ENABLED=false', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { METRICS_ENABLED: 'false' } });
    });
    afterAll(() => t.close());

    it('serves no metrics endpoint and keeps serving the API', async () => {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
      expect((await t.get('/api/status')).status).toBe(200);
      expect((await t.get('/health/ready')).status).toBe(200);
    });
  });
});

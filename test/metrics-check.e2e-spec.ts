import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

function metricsCheck(
  url: string,
  ...extra: string[]
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, '..', 'scripts', 'metrics-check.ts'),
        '--url',
        url,
        ...extra,
      ],
      {
        cwd: join(__dirname, '..'),
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run metrics:check', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: 'metrics-token-abcdef0123456789' } });
  });
  afterAll(() => t.close());

  it('passes on the real app (with its metrics token) and says what it checked', async () => {
    const { code, output } = await metricsCheck(t.url, '--token', 'metrics-token-abcdef0123456789');
    expect(output).toContain('OK: every defined family is present');
    expect(code).toBe(0);
  }, 60_000);

  it('fails on a refused scrape and on an exposition with a wrong type', async () => {
    expect((await metricsCheck(t.url)).code).toBe(2);
    const server: Server = createServer((_req, res) =>
      res.end(
        '# HELP http_requests_total x\n# TYPE http_requests_total gauge\nhttp_requests_total 1\n',
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { code, output } = await metricsCheck(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      expect(code).toBe(1);
      expect(output).toContain('http_requests_total: type gauge, expected counter');
      expect(output).toContain('errors_total: missing');
    } finally {
      server.close();
    }
  }, 60_000);
});

/**
 * What recording an HTTP request costs: two plain Node HTTP servers in this process answer the
 * same small JSON response to an Express-like matched route; server A has the app's
 * HttpMetricsRecorder listening, server B does not. This process runs alone on core 1, the load
 * (autocannon, exactly `--requests` requests per slice) in a child process on core 0, rounds
 * alternating AB / BA; this process's CPU time per request, compared as paired differences.
 *
 *   npm run bench:http-recorder -- [--rounds 30] [--requests 20000] [--connections 8]
 */
import { fork } from 'node:child_process';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { HttpAdapterHost } from '@nestjs/core';
import { Registry } from 'prom-client';
import { HttpMetricsRecorder } from '../src/observability/metrics/http/http-metrics.recorder';
import type { ResolvedMetricsOptions } from '../src/observability/metrics/metrics-options.interface';
import type { LoadAnswer, LoadRequest } from './lib/load-child';
import { alternatingRounds, pairedSummary } from './lib/alternating-rounds';
import { parseCountOptions } from './lib/count-options';
import { pinToCore } from './lib/server';
import { runBenchmark, Teardown } from './lib/teardown';

const LOAD_CORE = 0;
const BENCH_CORE = 1;
const BODY = JSON.stringify({ symbol: 'AAPL', price: 187.25, at: '2026-12-04T00:00:00.000Z' });
const ROUTE = { path: '/api/quotes/:symbol' };

interface Options {
  rounds: number;
  requests: number;
  connections: number;
}

const parseOptions = (argv: string[]): Options =>
  parseCountOptions(argv, { rounds: 30, requests: 20_000, connections: 8 });

/** What Express leaves on a request it routed, and a JSON answer with its length. */
function answer(req: IncomingMessage, res: ServerResponse): void {
  (req as IncomingMessage & { route: unknown }).route = ROUTE;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(BODY));
  res.end(BODY);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/quotes/AAPL`;
}

/** The recorder as the metrics module builds it, on a plain server. */
function record(server: Server): Registry {
  const registry = new Registry();
  const host = { httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost;
  const options = { path: '/metrics', port: undefined } as unknown as ResolvedMetricsOptions;
  new HttpMetricsRecorder(host, options, registry).onModuleInit();
  return registry;
}

async function countedRequests(registry: Registry): Promise<number> {
  const family = await registry.getSingleMetric('http_requests_total')!.get();
  return family.values.reduce((sum, sample) => sum + sample.value, 0);
}

async function benchmark(options: Options, teardown: Teardown): Promise<boolean> {
  const servers = { A: createServer(answer), B: createServer(answer) };
  const registry = record(servers.A);
  const urls = { A: await listen(servers.A), B: await listen(servers.B) };
  teardown.add('close the servers', () => {
    for (const server of Object.values(servers)) server.closeAllConnections();
    return Promise.all(
      Object.values(servers).map((s) => new Promise((resolve) => s.close(resolve))),
    );
  });
  const child = fork(join(__dirname, 'lib', 'load-child.ts'), {
    execArgv: ['-r', '@swc-node/register'],
  });
  teardown.add('stop the load process', () => child.kill());
  pinToCore(child.pid!, LOAD_CORE);
  pinToCore(process.pid, BENCH_CORE);

  const slice = (url: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const before = process.cpuUsage();
      child.once('message', (answer: LoadAnswer) => {
        const used = process.cpuUsage(before);
        if (answer.failed > 0 || answer.ok !== options.requests) {
          reject(new Error(`${url}: ${answer.ok} answered 2xx, ${answer.failed} failed`));
        }
        resolve((used.user + used.system) / options.requests);
      });
      child.send({
        url,
        amount: options.requests,
        connections: options.connections,
      } satisfies LoadRequest);
    });

  console.log(
    `HTTP recorder: ${options.rounds} rounds × ${options.requests} requests per server, ` +
      `${options.connections} connections; servers on core ${BENCH_CORE}, load on core ` +
      `${LOAD_CORE}. A = with the app's HttpMetricsRecorder, B = bare.`,
  );
  for (let i = 0; i < 3; i++) for (const key of ['A', 'B'] as const) await slice(urls[key]);

  const rounds = await alternatingRounds(options.rounds, 'request', (key) => slice(urls[key]));

  const expected = options.requests * (options.rounds + 3);
  const counted = await countedRequests(registry);
  if (counted !== expected) throw new Error(`A counted ${counted} requests, answered ${expected}`);
  console.log(
    `\nCPU per request (this process): ${pairedSummary(rounds, 'the recorder')}. ` +
      `A counted all ${counted} requests.`,
  );
  return true;
}

runBenchmark((teardown) => benchmark(parseOptions(process.argv.slice(2)), teardown));

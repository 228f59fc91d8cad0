import { HttpStatus, INestApplication } from '@nestjs/common';
import http from 'node:http';
import net from 'node:net';
import type { DataSource } from 'typeorm';
import { errorTypeLabel } from '../../src/observability/metrics/http/http-labels';
import { UNMATCHED_ENDPOINT } from '../../src/observability/metrics/metrics.constants';
import { parseSamples } from './prometheus-text';
import { TEST_API_TOKEN } from './test-app';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as given: no normalisation of `..`, `%2F` or case, unlike fetch. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the API token (default true). */
  auth?: boolean;
}

/** An HTTP client that sends paths and headers as given, over at most 16 keep-alive sockets. */
export class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly target: URL;

  constructor(baseUrl: string) {
    this.target = new URL(baseUrl);
  }

  send({
    method = 'GET',
    path,
    headers = {},
    body,
    auth = true,
  }: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          method,
          path,
          headers: auth ? { authorization: `Bearer ${TEST_API_TOKEN}`, ...headers } : headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Bytes no HTTP client would send (CR/LF inside a header, NUL or raw UTF-8 in the path) over a
 * fresh socket; resolves with everything the server answered before closing.
 */
export function sendBytes(baseUrl: string, bytes: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

/** The status code of a raw HTTP/1.1 answer ("HTTP/1.1 400 Bad Request" → 400). */
export const rawStatus = (answer: string): number =>
  Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

/** Runs `task` on every item with at most `concurrency` in flight. */
export async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the running app registered, from Express's own router. */
export function registeredRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  return express.router.stack
    .filter((layer) => layer.route !== undefined)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((method) => method !== '_all')
        .map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })),
    );
}

/** Every table an API request can write. */
export const JOURNAL_TABLES = [
  'orders',
  'order_events',
  'fills',
  'positions',
  'cash_ledger',
  'closed_trades',
  'signals',
  'decisions',
  'risk_events',
  'risk_settings',
  'strategy_settings',
  'compliance_events',
  'equity_snapshots',
] as const;

/**
 * What a refused request must leave as it was: the row count of every journal table, and the
 * stored settings themselves (a PUT/PATCH changes rows without adding any).
 */
export async function databaseState(db: DataSource): Promise<Record<string, unknown>> {
  const counts = JOURNAL_TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`);
  const [rows] = (await db.query(`SELECT ${counts.join(', ')}`)) as Array<Record<string, string>>;
  const risk: unknown = await db.query('SELECT * FROM risk_settings ORDER BY id');
  const strategies: unknown = await db.query('SELECT * FROM strategy_settings ORDER BY name');
  return { ...rows, riskSettings: risk, strategySettings: strategies };
}

/** Series on `/metrics` as `name{labels}` keys (the value left out). */
export function seriesKeys(exposition: string): Set<string> {
  return new Set(
    parseSamples(exposition).map(
      (sample) =>
        `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`,
    ),
  );
}

/** Every label value on `/metrics` (bucket bounds `le` aside: they come from the code). */
export function labelValues(exposition: string): Set<string> {
  return new Set(
    parseSamples(exposition).flatMap((sample) =>
      Object.entries(sample.labels)
        .filter(([label]) => label !== 'le')
        .map(([, value]) => value),
    ),
  );
}

/**
 * The closed sets a request can add label values from: the app's route templates and methods,
 * status codes, error types and the `http` component. Anything else came from a client.
 */
export function closedLabelValues(app: INestApplication): Set<string> {
  const values = new Set([
    'http',
    UNMATCHED_ENDPOINT,
    'OTHER',
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'PATCH',
    'DELETE',
    'OPTIONS',
    // prom-client's nodejs_gc_duration_seconds{kind}: a kind appears with its first collection
    'minor',
    'major',
    'incremental',
    'weakcb',
  ]);
  for (const { method, path } of registeredRoutes(app)) values.add(method).add(path);
  for (let code = 100; code < 600; code++) {
    values.add(String(code));
    const errorType = errorTypeLabel(code);
    if (errorType !== undefined) values.add(errorType);
  }
  for (const name of Object.keys(HttpStatus))
    if (Number.isNaN(Number(name))) values.add(name.toLowerCase());
  return values;
}

/** Label values on `after` that were not on `before` and come from no closed set. */
export function openLabelValues(before: string, after: string, closed: Set<string>): string[] {
  const known = labelValues(before);
  return [...labelValues(after)].filter((value) => !known.has(value) && !closed.has(value));
}

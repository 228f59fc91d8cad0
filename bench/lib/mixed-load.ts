/**
 * A closed-loop load generator for the mixed workload: `connections` virtual clients on keep-alive
 * sockets, each sending its next planned request as soon as the previous one is answered, for
 * `seconds` or `maxRequests`. Every answer is recorded with its kind, status and latency; order submits also keep
 * what the app answered, so the orders can be checked against the database afterwards.
 */
import { Agent, request } from 'node:http';
import type { PlannedRequest, RequestKind, WorkloadPlanner } from './mixed-workload';

export interface RequestRecord {
  kind: RequestKind;
  /** The HTTP status, or 0 when no answer came (connection error, timeout). */
  status: number;
  latencyMs: number;
  /** Milliseconds since the load started, when the request was sent. */
  sentAtMs: number;
}

export interface OrderAnswer {
  kind: RequestKind;
  clientOrderId: string;
  status: number;
  /** The order's id and state in a 2xx answer. */
  orderId?: string;
  orderStatus?: string;
}

export interface MixedLoadSpec {
  baseUrl: string;
  token: string;
  /** The load stops sending after this long… */
  seconds: number;
  /** …or after this many requests, whichever comes first: a fixed amount of work to compare. */
  maxRequests?: number;
  connections: number;
  planner: WorkloadPlanner;
  /** A request unanswered after this long counts as failed (status 0). @default 10000 */
  timeoutMs?: number;
  /** Ends the load early (Ctrl-C). */
  signal?: AbortSignal;
}

export interface MixedLoadResult {
  wallSeconds: number;
  records: RequestRecord[];
  orders: OrderAnswer[];
  /** Connection errors and timeouts, with their messages (the first few). */
  failures: string[];
}

interface Answer {
  status: number;
  body: string;
}

const KEPT_FAILURES = 10;

function send(
  agent: Agent,
  spec: MixedLoadSpec,
  planned: PlannedRequest,
  keepBody: boolean,
): Promise<Answer> {
  const payload = planned.body === undefined ? undefined : JSON.stringify(planned.body);
  const headers: Record<string, string> = { authorization: `Bearer ${spec.token}` };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${spec.baseUrl}${planned.path}`,
      { method: planned.method, agent, headers, timeout: spec.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (keepBody) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer within ${spec.timeoutMs ?? 10_000} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function orderAnswer(planned: PlannedRequest, answer: Answer): OrderAnswer {
  const clientOrderId = (planned.body as { clientOrderId: string }).clientOrderId;
  const result: OrderAnswer = { kind: planned.kind, clientOrderId, status: answer.status };
  if (answer.status >= 200 && answer.status < 300) {
    const order = JSON.parse(answer.body) as { id: string; status: string };
    result.orderId = order.id;
    result.orderStatus = order.status;
  }
  return result;
}

export async function runMixedLoad(spec: MixedLoadSpec): Promise<MixedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const records: RequestRecord[] = [];
  const orders: OrderAnswer[] = [];
  const failures: string[] = [];
  const startedAt = performance.now();
  const endAt = startedAt + spec.seconds * 1000;
  let sent = 0;
  const going = () =>
    performance.now() < endAt && sent < (spec.maxRequests ?? Infinity) && !spec.signal?.aborted;

  const client = async (): Promise<void> => {
    while (going()) {
      const planned = spec.planner.next();
      sent++;
      const isOrder = planned.kind.startsWith('order-');
      const sentAt = performance.now();
      let answer: Answer;
      try {
        answer = await send(agent, spec, planned, isOrder);
      } catch (error) {
        answer = { status: 0, body: '' };
        if (failures.length < KEPT_FAILURES) failures.push(`${planned.kind}: ${String(error)}`);
      }
      const latencyMs = performance.now() - sentAt;
      records.push({
        kind: planned.kind,
        status: answer.status,
        latencyMs,
        sentAtMs: sentAt - startedAt,
      });
      if (isOrder) orders.push(orderAnswer(planned, answer));
    }
  };

  try {
    await Promise.all(Array.from({ length: spec.connections }, client));
  } finally {
    agent.destroy();
  }
  return { wallSeconds: (performance.now() - startedAt) / 1000, records, orders, failures };
}

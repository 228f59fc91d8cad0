/**
 * Nothing lost, nothing doubled: every order submit the app accepted (2xx) is in the database
 * exactly once under its client order id, every answer for one id named the same order, and no
 * row exists for an id the app never accepted.
 */
import { Client } from 'pg';
import type { OrderAnswer } from './mixed-load';

export interface OrderAudit {
  /** Distinct client order ids with at least one 2xx answer. */
  accepted: number;
  /** Rows in `orders` whose client order id has the run's prefix. */
  rows: number;
  /** Accepted ids without a row, or with more than one. */
  missing: string[];
  duplicated: string[];
  /** Rows for ids that were refused (only 4xx/5xx answers). */
  unexpected: string[];
  /** Ids whose 2xx answers named different order ids (or not the row's id). */
  inconsistent: string[];
  /**
   * Accepted ids not answered 201 exactly once. A repeat sent while its first submit is still in
   * flight may overtake it: then the repeat is the one answered 201, and the submit 200.
   */
  notCreatedOnce: string[];
  /** Status codes of the submits and of the repeats. */
  answers: Record<string, Record<string, number>>;
  /** The accepted orders' state in the database (filled, denied, …). */
  orderStatuses: Record<string, number>;
  ok: boolean;
}

interface OrderRow {
  id: string;
  client_order_id: string;
  status: string;
}

function acceptedIds(answers: readonly OrderAnswer[]): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const answer of answers) {
    if (answer.status < 200 || answer.status >= 300) continue;
    const named = ids.get(answer.clientOrderId) ?? new Set<string>();
    named.add(String(answer.orderId));
    ids.set(answer.clientOrderId, named);
  }
  return ids;
}

function idsNotCreatedOnce(answers: readonly OrderAnswer[], accepted: Iterable<string>): string[] {
  const created = new Map<string, number>();
  for (const { clientOrderId, status } of answers) {
    if (status === 201) created.set(clientOrderId, (created.get(clientOrderId) ?? 0) + 1);
  }
  return [...accepted].filter((clientOrderId) => created.get(clientOrderId) !== 1);
}

function countAnswers(answers: readonly OrderAnswer[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const { kind, status } of answers) {
    counts[kind] ??= {};
    counts[kind][status] = (counts[kind][status] ?? 0) + 1;
  }
  return counts;
}

export async function auditOrders(
  databaseUrl: string,
  idPrefix: string,
  answers: readonly OrderAnswer[],
): Promise<OrderAudit> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: OrderRow[];
  try {
    // The prefix is ours (letters, digits, "-"): no LIKE wildcard in it.
    ({ rows } = await client.query<OrderRow>(
      'SELECT id::text, client_order_id, status FROM orders WHERE client_order_id LIKE $1',
      [`${idPrefix}-%`],
    ));
  } finally {
    await client.end();
  }
  const accepted = acceptedIds(answers);
  const rowsById = new Map<string, OrderRow[]>();
  for (const row of rows) {
    rowsById.set(row.client_order_id, [...(rowsById.get(row.client_order_id) ?? []), row]);
  }
  const missing: string[] = [];
  const duplicated: string[] = [];
  const inconsistent: string[] = [];
  const orderStatuses: Record<string, number> = {};
  for (const [clientOrderId, named] of accepted) {
    const found = rowsById.get(clientOrderId) ?? [];
    if (found.length === 0) missing.push(clientOrderId);
    if (found.length > 1) duplicated.push(clientOrderId);
    if (found.length === 1) {
      orderStatuses[found[0].status] = (orderStatuses[found[0].status] ?? 0) + 1;
      if (named.size !== 1 || !named.has(found[0].id)) inconsistent.push(clientOrderId);
    }
  }
  // A submit that got no answer (timeout) may have been carried out: not a wrong row.
  const unanswered = new Set(answers.filter((a) => a.status === 0).map((a) => a.clientOrderId));
  const notCreatedOnce = idsNotCreatedOnce(answers, accepted.keys());
  const unexpected = [...rowsById.keys()].filter((id) => !accepted.has(id) && !unanswered.has(id));
  return {
    accepted: accepted.size,
    rows: rows.length,
    missing,
    duplicated,
    unexpected,
    inconsistent,
    notCreatedOnce,
    answers: countAnswers(answers),
    orderStatuses,
    ok:
      missing.length +
        duplicated.length +
        unexpected.length +
        inconsistent.length +
        notCreatedOnce.length ===
        0 && accepted.size > 0,
  };
}

import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import type { AccountKind } from './account-state';
import type { LoggedExecution, ReplaySnapshot } from './account-replay';
import type { Execution } from './compliance.interface';

/** The PostgreSQL advisory-lock key that orders the fill log (any fixed 64-bit number). */
const FILL_LOG_LOCK_KEY = 4_719_020_611;

/** Above any sequence number: "no upper bound". */
const NO_BOUND = '9223372036854775807';

/**
 * Logs a fill in the transaction that records it, and returns its sequence number. The lock is held
 * to the end of the transaction, so numbers are taken in commit order: whoever sees a number sees
 * every committed fill below it, and a rolled-back fill leaves a gap nobody fills.
 */
export async function logFill(manager: EntityManager, fillId: string): Promise<number> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [FILL_LOG_LOCK_KEY]);
  const [row] = (await manager.query(
    'INSERT INTO compliance_fill_log (fill_id) VALUES ($1) RETURNING seq',
    [fillId],
  )) as Array<{ seq: string }>;
  return Number(row.seq);
}

/** Fills logged after `afterSeq` (and before `beforeSeq`), in log order. */
export async function loggedFills(
  manager: EntityManager,
  afterSeq: number,
  beforeSeq?: number,
): Promise<LoggedExecution[]> {
  const rows = (await manager.query(
    `SELECT l.seq, f.id, f.symbol, f.side, f.quantity, f.price, f.fee, f.executed_at
       FROM compliance_fill_log l JOIN fills f ON f.id = l.fill_id
      WHERE l.seq > $1 AND l.seq < $2
      ORDER BY l.seq`,
    [afterSeq, beforeSeq ?? NO_BOUND],
  )) as Array<FillRow & { seq: string }>;
  return rows.map((row) => ({ seq: Number(row.seq), execution: rowToExecution(row) }));
}

/** Every fill the transaction sees (a replay from scratch, for the rare case nothing else serves). */
export async function allFills(manager: EntityManager): Promise<Execution[]> {
  const rows = (await manager.query(
    'SELECT id, symbol, side, quantity, price, fee, executed_at FROM fills',
  )) as FillRow[];
  return rows.map(rowToExecution);
}

/** The deposits, which the rules treat as settled cash before the first execution. */
export async function openingSettledCash(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query(
    "SELECT COALESCE(SUM(amount), 0)::text AS total FROM cash_ledger WHERE kind = 'deposit'",
  )) as Array<{ total: string }>;
  return new Decimal(row.total).toString();
}

export async function readSnapshot(
  manager: EntityManager,
  kind: AccountKind,
): Promise<{ seq: number; snapshot: ReplaySnapshot } | undefined> {
  const [row] = (await manager.query(
    'SELECT seq, snapshot FROM compliance_snapshots WHERE account_kind = $1',
    [kind],
  )) as Array<{ seq: string; snapshot: ReplaySnapshot }>;
  return row && { seq: Number(row.seq), snapshot: row.snapshot };
}

/** Stores the snapshot unless one taken later in the log is there already (another instance). */
export async function saveSnapshot(
  manager: EntityManager,
  seq: number,
  snapshot: ReplaySnapshot,
): Promise<void> {
  await manager.query(
    `INSERT INTO compliance_snapshots (account_kind, seq, snapshot, saved_at)
     VALUES ($1, $2, $3::jsonb, now())
     ON CONFLICT (account_kind) DO UPDATE
       SET seq = EXCLUDED.seq, snapshot = EXCLUDED.snapshot, saved_at = EXCLUDED.saved_at
       WHERE compliance_snapshots.seq <= EXCLUDED.seq`,
    [snapshot.kind, seq, JSON.stringify(snapshot)],
  );
}

interface FillRow {
  id: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: string;
  price: string;
  fee: string;
  executed_at: Date;
}

const rowToExecution = (row: FillRow): Execution =>
  toExecution({ ...row, executedAt: row.executed_at });

/** A fill as the rules see it (numeric columns come back padded: "10.000000"). */
export const toExecution = (
  fill: Omit<FillRow, 'executed_at'> & { executedAt: Date },
): Execution => ({
  id: fill.id,
  symbol: fill.symbol,
  side: fill.side,
  quantity: new Decimal(fill.quantity).toString(),
  price: new Decimal(fill.price).toString(),
  fees: new Decimal(fill.fee).toString(),
  executedAt: fill.executedAt,
});

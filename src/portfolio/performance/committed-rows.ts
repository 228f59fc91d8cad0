/** Runs one SQL statement (outside any transaction) and answers its rows. */
export type RunQuery = (sql: string, parameters: unknown[]) => Promise<Record<string, unknown>[]>;

export interface CommittedRowsTable {
  name: string;
  /** Comma-separated, `id` first. */
  columns: string;
}

/**
 * Reads each row of an append-only table (ids from a sequence, never updated or deleted)
 * exactly once, whatever order the transactions that insert the rows commit in.
 *
 * Reading `id > highest id read` alone would miss rows: a transaction takes its id when it
 * inserts, not when it commits, so id 7 may commit after id 8 was read. So the ids below the
 * highest read that were not there (the gaps) are asked for again with every read, until the row
 * shows up or no transaction that could still insert it runs any more:
 *
 * 1. A gap g below a read id h was handed out by the sequence before h (a sequence without a
 *    per-session cache — bigserial's CACHE 1 — hands ids out in order), so before the read that
 *    saw h committed.
 * 2. Every writer of these tables has a transaction id before it takes a row id (applyFill has
 *    locked the account row; `PerformanceService.snapshot` asks for one first). The transaction
 *    holding g therefore has a lower transaction id than one taken after that read
 *    (`pg_current_xact_id()`): the gap's bound.
 * 3. A later read whose snapshot's xmin (the oldest transaction still running) is at or past
 *    the bound sees g if g committed; if it does not, g was rolled back (or never used), and is
 *    dropped.
 *
 * Each read is one statement, so its rows and its xmin come from one snapshot. A call when
 * nothing was inserted is one query that reads no row; a bound costs one more query (and one
 * transaction id), only after a read that found new gaps.
 */
export class CommittedRows {
  private highest = 0;
  /** Ids below `highest` not read yet → their bound, null until one is taken. */
  private readonly gaps = new Map<number, bigint | null>();
  private readonly pageSql: string;

  constructor(
    private readonly query: RunQuery,
    private readonly table: CommittedRowsTable,
    private readonly pageSize = 5000,
  ) {
    this.pageSql = `
      SELECT s.snapshot_xmin, r.*
        FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS snapshot_xmin) s
        LEFT JOIN LATERAL (
          SELECT ${table.columns} FROM ${table.name} WHERE id = ANY($2::bigint[])
          UNION ALL
          (SELECT ${table.columns} FROM ${table.name} WHERE id > $1 ORDER BY id LIMIT $3)
        ) r ON true`;
  }

  /** Hands the rows committed since the last call to `take`, a page at a time. */
  async readNew(take: (rows: Record<string, unknown>[]) => void): Promise<void> {
    for (;;) {
      const after = this.highest;
      const asked = [...this.gaps.keys()];
      const result = await this.query(this.pageSql, [after, asked, this.pageSize]);
      const rows = result.filter((row) => row.id !== null);
      take(rows);
      const ids = rows.map((row) => rowId(row.id));
      this.record(after, asked, ids, BigInt(result[0].snapshot_xmin as string));
      if (ids.filter((id) => id > after).length < this.pageSize) break;
    }
    if ([...this.gaps.values()].includes(null)) await this.boundGaps();
  }

  /**
   * Hands every row read so far (and no other) to `take` again, ordered by `orderColumn`, then
   * id, a page at a time.
   */
  async readAgain(
    orderColumn: string,
    take: (rows: Record<string, unknown>[]) => void,
  ): Promise<void> {
    const { name, columns } = this.table;
    const sql = `
      SELECT ${columns} FROM ${name}
       WHERE id <= $1 AND id <> ALL($2::bigint[])
         AND ($3::bigint IS NULL OR (${orderColumn}, id) > (
               (SELECT ${orderColumn} FROM ${name} WHERE id = $3), $3))
       ORDER BY ${orderColumn}, id LIMIT $4`;
    const gaps = [...this.gaps.keys()];
    let last: number | null = null;
    for (;;) {
      const rows = await this.query(sql, [this.highest, gaps, last, this.pageSize]);
      take(rows);
      if (rows.length < this.pageSize) return;
      last = rowId(rows[rows.length - 1].id);
    }
  }

  private record(after: number, asked: number[], ids: number[], snapshotXmin: bigint): void {
    const returned = new Set(ids);
    for (const id of asked) {
      const bound = this.gaps.get(id);
      if (returned.has(id) || (bound != null && snapshotXmin >= bound)) this.gaps.delete(id);
    }
    let expected = after + 1;
    for (const id of ids.filter((read) => read > after).sort((a, b) => a - b)) {
      for (let gap = expected; gap < id; gap += 1) this.gaps.set(gap, null);
      expected = id + 1;
      this.highest = id;
    }
  }

  private async boundGaps(): Promise<void> {
    const [{ xid }] = await this.query('SELECT pg_current_xact_id()::text AS xid', []);
    const bound = BigInt(xid as string);
    for (const [id, known] of this.gaps) if (known === null) this.gaps.set(id, bound);
  }
}

export function rowId(value: unknown): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`not a row id: ${String(value)}`);
  return id;
}

import {
  AccountKind,
  AccountState,
  accountStateFromJson,
  AccountStateJson,
  AccountStateOptions,
  accountStateToJson,
  applyEntry,
  cloneAccountState,
  compareEntries,
  openAccountState,
  ReplayEntry,
  replayEntry,
} from './account-state';
import type { Execution } from './compliance.interface';
import { compareExecutions } from './settlement-ledger';

/** A fill as the commit log gives it: its place in commit order, and the execution. */
export interface LoggedExecution {
  readonly seq: number;
  readonly execution: Execution;
}

export interface AccountReplayOptions extends AccountStateOptions {
  /**
   * Executions kept after the cut, so that one committed after later ones (a late fill) can be
   * put in its place; one older than all of them needs a new replay. @default 256
   */
  readonly tailSize?: number;
}

/** Bump when the rules or the state's shape change: a snapshot of another format is not used. */
export const SNAPSHOT_FORMAT = 1;

/** The replay's state at its cut, to store and resume from (after a restart). */
export interface ReplaySnapshot {
  readonly format: number;
  readonly kind: AccountKind;
  readonly openingSettledCash: string;
  /** The last execution the state holds; null when it holds none. */
  readonly cut: { readonly executedAt: string; readonly id: string } | null;
  /** Every logged execution up to this sequence number is in the state or after the cut. */
  readonly baseSeq: number;
  /** The log from here holds every execution after the cut. */
  readonly fromSeq: number;
  readonly state: AccountStateJson;
}

type Cut = Pick<Execution, 'executedAt' | 'id'>;

const DEFAULT_TAIL_SIZE = 256;

/**
 * An account's replay, kept up to date from the fill log: the state at a cut (every execution up to
 * it, folded in), the last few executions after the cut (the tail), and the state after those (the
 * head, which checks read). A new execution normally sorts after the head and costs one step; a
 * late one is put in its place in the tail, which is replayed from the cut. Memory and the cost of
 * a step do not depend on the length of the history.
 */
export class AccountReplay {
  private head: AccountState;
  private readonly tailSize: number;

  private constructor(
    private readonly options: AccountReplayOptions,
    private readonly base: AccountState,
    private cut: Cut | null,
    private baseSeq: number,
    private readonly tail: ReplayEntry[],
    /** The highest log sequence number seen. */
    private seq: number,
  ) {
    this.tailSize = options.tailSize ?? DEFAULT_TAIL_SIZE;
    this.head = this.replayTail(tail.length);
  }

  /** A replay of every execution in the log (in any order). */
  static fromScratch(
    options: AccountReplayOptions,
    logged: readonly LoggedExecution[],
  ): AccountReplay {
    const entries = logged
      .map(({ seq, execution }) => replayEntry(options, seq, execution))
      .sort(compareEntries);
    const folded = Math.max(0, entries.length - (options.tailSize ?? DEFAULT_TAIL_SIZE));
    const base = openAccountState(options);
    for (const entry of entries.slice(0, folded)) applyEntry(base, entry);
    const cut = folded > 0 ? cutOf(entries[folded - 1]) : null;
    const seq = highestSeq(logged, 0);
    return new AccountReplay(options, base, cut, seq, entries.slice(folded), seq);
  }

  /**
   * The replay a snapshot stood for, before the executions logged from its `fromSeq` are added
   * again (`add`); undefined when the snapshot is of another format, account kind or opening cash.
   */
  static fromSnapshot(
    options: AccountReplayOptions,
    snapshot: ReplaySnapshot,
  ): AccountReplay | undefined {
    if (
      snapshot.format !== SNAPSHOT_FORMAT ||
      snapshot.kind !== options.kind ||
      snapshot.openingSettledCash !== options.openingSettledCash
    )
      return undefined;
    const cut = snapshot.cut && {
      executedAt: new Date(snapshot.cut.executedAt),
      id: snapshot.cut.id,
    };
    const base = accountStateFromJson(snapshot.state, options);
    return new AccountReplay(options, base, cut, snapshot.baseSeq, [], snapshot.fromSeq - 1);
  }

  get lastSeq(): number {
    return this.seq;
  }

  get openingSettledCash(): string {
    return this.options.openingSettledCash;
  }

  /**
   * Adds the logged executions after `lastSeq`. False, with nothing changed, when one sorts at or
   * before the cut and is not in the state already: only a new replay can place it.
   */
  add(logged: readonly LoggedExecution[]): boolean {
    const fresh = logged.filter(({ seq }) => seq > this.seq);
    const entries: ReplayEntry[] = [];
    for (const { seq, execution } of fresh) {
      if (this.cut && compareExecutions(execution, this.cut) <= 0) {
        // read again after a restore: folded into the state already
        if (seq <= this.baseSeq) continue;
        return false;
      }
      entries.push(replayEntry(this.options, seq, execution));
    }
    this.seq = highestSeq(fresh, this.seq);
    this.place(entries.sort(compareEntries));
    return true;
  }

  /** A copy of the state after every execution up to `at`; undefined when `at` is before the cut. */
  stateAt(at: Date): AccountState | undefined {
    if (this.cut && this.cut.executedAt > at) return undefined;
    const index = this.tail.findIndex((entry) => entry.execution.executedAt > at);
    return this.copyThrough(index);
  }

  /** A copy of the state after the executions before `execution`; undefined when that is before the cut. */
  stateBefore(execution: Execution): AccountState | undefined {
    if (this.cut && compareExecutions(execution, this.cut) <= 0) return undefined;
    const index = this.tail.findIndex(
      (entry) => compareExecutions(entry.execution, execution) >= 0,
    );
    return this.copyThrough(index);
  }

  snapshot(): ReplaySnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      kind: this.options.kind,
      openingSettledCash: this.options.openingSettledCash,
      cut: this.cut && { executedAt: this.cut.executedAt.toISOString(), id: this.cut.id },
      baseSeq: this.baseSeq,
      fromSeq: this.tail.reduce((lowest, entry) => Math.min(lowest, entry.seq), this.seq + 1),
      state: accountStateToJson(this.base),
    };
  }

  /** Entries in replay order, each after the cut: appended, or put in place and replayed. */
  private place(entries: readonly ReplayEntry[]): void {
    let late = false;
    for (const entry of entries) {
      const last = this.tail.at(-1);
      if (!last || compareEntries(last, entry) < 0) {
        this.tail.push(entry);
        if (!late) applyEntry(this.head, entry);
        continue;
      }
      this.tail.splice(
        this.tail.findIndex((held) => compareEntries(entry, held) < 0),
        0,
        entry,
      );
      late = true;
    }
    this.moveCut();
    if (late) this.head = this.replayTail(this.tail.length);
  }

  /** Folds the oldest entries beyond the tail's size into the state at the cut. */
  private moveCut(): void {
    const excess = this.tail.length - this.tailSize;
    if (excess <= 0) return;
    for (const entry of this.tail.splice(0, excess)) {
      applyEntry(this.base, entry);
      this.cut = cutOf(entry);
    }
    this.baseSeq = this.seq;
  }

  /** The state after the cut and the tail's entries before `index` (-1: all of them). */
  private copyThrough(index: number): AccountState {
    return index === -1 ? cloneAccountState(this.head) : this.replayTail(index);
  }

  private replayTail(count: number): AccountState {
    const state = cloneAccountState(this.base);
    for (const entry of this.tail.slice(0, count)) applyEntry(state, entry);
    return state;
  }
}

const cutOf = (entry: ReplayEntry): Cut => ({
  executedAt: entry.execution.executedAt,
  id: entry.execution.id,
});

const highestSeq = (logged: readonly LoggedExecution[], floor: number): number =>
  logged.reduce((highest, { seq }) => Math.max(highest, seq), floor);

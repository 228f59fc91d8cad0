import type { EntityManager, QueryRunner } from 'typeorm';

export interface DataChangesOptions {
  /**
   * Writers this process does not see (other replicas on the same database) change the data too:
   * a value computed from it is then recomputed once it is this old. @default Infinity
   */
  othersWriteWithinMs?: number;
  /** Milliseconds of a monotonic clock (tests pass their own). @default performance.now */
  now?: () => number;
}

/**
 * The version of some stored data, moved by the service that writes it, so that scrape-time
 * gauges computed from the data are recomputed only when it changed (see `ChangeDrivenValue`).
 * A change made inside a transaction keeps the data "changing" until that transaction ends: a
 * read before the commit would see the old rows, and must not be taken as the new state.
 */
export class DataChanges {
  readonly othersWriteWithinMs: number;
  readonly now: () => number;
  private counter = 0;
  private readonly open = new Set<QueryRunner>();

  constructor(options: DataChangesOptions = {}) {
    this.othersWriteWithinMs = options.othersWriteWithinMs ?? Infinity;
    this.now = options.now ?? (() => performance.now());
  }

  /** Call wherever the data is written, with the transaction's manager when there is one. */
  changed(manager?: EntityManager): void {
    this.counter++;
    this.settle();
    const runner = manager?.queryRunner;
    if (runner?.isTransactionActive && !runner.isReleased) this.open.add(runner);
  }

  /** The data's version, or undefined while a transaction that changed it is still open. */
  version(): number | undefined {
    this.settle();
    return this.open.size === 0 ? this.counter : undefined;
  }

  /** A transaction that ended (commit, rollback or a released connection) moves the version. */
  private settle(): void {
    for (const runner of this.open) {
      if (runner.isTransactionActive && !runner.isReleased) continue;
      this.open.delete(runner);
      this.counter++;
    }
  }
}

/**
 * A value computed from stored data (gauges a scrape sets), recomputed only when one of its
 * sources changed, its key moved (e.g. the UTC day of a daily figure), or — when other processes
 * write the data — it is older than the sources allow. Otherwise the last value is returned.
 */
export class ChangeDrivenValue<T> {
  private stamp?: string;
  private computedAt: number[] = [];
  private value?: T;

  constructor(
    private readonly sources: readonly DataChanges[],
    private readonly compute: () => Promise<T>,
  ) {}

  async get(key = ''): Promise<T> {
    const stamp = this.currentStamp(key);
    if (stamp !== undefined && stamp === this.stamp && !this.expired()) return this.value as T;
    const startedAt = this.sources.map((source) => source.now());
    const value = await this.compute();
    this.stamp = stamp;
    this.computedAt = startedAt;
    this.value = value;
    return value;
  }

  /** Undefined while a source is mid-transaction: the value computed now is not kept for long. */
  private currentStamp(key: string): string | undefined {
    let stamp = key;
    for (const source of this.sources) {
      const version = source.version();
      if (version === undefined) return undefined;
      stamp += `:${version}`;
    }
    return stamp;
  }

  private expired(): boolean {
    return this.sources.some(
      (source, index) => source.now() - this.computedAt[index] >= source.othersWriteWithinMs,
    );
  }
}

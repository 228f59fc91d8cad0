import { insertSorted } from './sorted-keys';
import { ExactDecimal, toMoneyString } from './exact-decimal';

/**
 * Realized P/L summed per key (UTC day or month), kept sorted by key, each bucket's output entry
 * made once and again only when a trade changes its sum: a report after one more trade builds
 * one entry, not one per day.
 */
export class PnlBucketSums<Entry> {
  private readonly keys: string[] = [];
  private readonly sums = new Map<string, ExactDecimal>();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly entry: (key: string, pnl: string) => Entry) {}

  add(key: string, pnl: ExactDecimal): void {
    const sum = this.sums.get(key);
    if (sum === undefined) insertSorted(this.keys, key);
    this.sums.set(key, (sum ?? new ExactDecimal(0)).plus(pnl));
    this.entries.delete(key);
  }

  /** Oldest key first, as `dailyPnl` / `monthlyPnl` list them. */
  list(): Entry[] {
    return this.keys.map((key) => {
      let entry = this.entries.get(key);
      if (entry === undefined) {
        entry = this.entry(key, toMoneyString(this.sums.get(key) as ExactDecimal));
        this.entries.set(key, entry);
      }
      return entry;
    });
  }
}

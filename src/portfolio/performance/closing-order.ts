import type { Streaks } from './performance.types';
import type { TradeOutcome } from './trade-outcome';

const OUTCOMES: readonly TradeOutcome[] = ['win', 'loss', 'breakeven'];
const INITIAL_CAPACITY = 16;

/**
 * The trades of one scope in closing order — by `closedAt`, then by id (the order the report
 * puts equal instants in) — keeping only what a recount of the streaks needs: 17 bytes a trade
 * (closedAt and id as float64, the outcome as a byte), in arrays that double when full.
 */
export class ClosingOrder {
  private closedAts = new Float64Array(INITIAL_CAPACITY);
  private ids = new Float64Array(INITIAL_CAPACITY);
  private codes = new Uint8Array(INITIAL_CAPACITY);
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** Puts the trade in its place; false when that is before a trade already kept. */
  insert(closedAtMs: number, id: number, outcome: TradeOutcome): boolean {
    if (this.size === this.closedAts.length) this.grow();
    const index = this.insertionIndex(closedAtMs, id);
    if (index < this.size) {
      this.closedAts.copyWithin(index + 1, index, this.size);
      this.ids.copyWithin(index + 1, index, this.size);
      this.codes.copyWithin(index + 1, index, this.size);
    }
    this.closedAts[index] = closedAtMs;
    this.ids[index] = id;
    this.codes[index] = OUTCOMES.indexOf(outcome);
    this.size += 1;
    return index === this.size - 1;
  }

  *outcomes(): IterableIterator<TradeOutcome> {
    for (let i = 0; i < this.size; i += 1) yield OUTCOMES[this.codes[i]];
  }

  /** The first index whose trade closes after (closedAtMs, id); the end when none does. */
  private insertionIndex(closedAtMs: number, id: number): number {
    let low = 0;
    let high = this.size;
    if (high === 0 || !this.closesAfter(high - 1, closedAtMs, id)) return high;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.closesAfter(middle, closedAtMs, id)) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private closesAfter(index: number, closedAtMs: number, id: number): boolean {
    const at = this.closedAts[index];
    return at > closedAtMs || (at === closedAtMs && this.ids[index] > id);
  }

  private grow(): void {
    const capacity = this.closedAts.length * 2;
    const closedAts = new Float64Array(capacity);
    const ids = new Float64Array(capacity);
    const codes = new Uint8Array(capacity);
    closedAts.set(this.closedAts);
    ids.set(this.ids);
    codes.set(this.codes);
    this.closedAts = closedAts;
    this.ids = ids;
    this.codes = codes;
  }
}

/** Win and loss runs over outcomes added in closing order (same rules as `computeStreaks`). */
export class RunningStreaks {
  private winRun = 0;
  private lossRun = 0;
  private longestWin = 0;
  private longestLoss = 0;

  static over(outcomes: Iterable<TradeOutcome>): RunningStreaks {
    const streaks = new RunningStreaks();
    for (const outcome of outcomes) streaks.add(outcome);
    return streaks;
  }

  add(outcome: TradeOutcome): void {
    this.winRun = outcome === 'win' ? this.winRun + 1 : 0;
    this.lossRun = outcome === 'loss' ? this.lossRun + 1 : 0;
    this.longestWin = Math.max(this.longestWin, this.winRun);
    this.longestLoss = Math.max(this.longestLoss, this.lossRun);
  }

  get streaks(): Streaks {
    return {
      currentWinStreak: this.winRun,
      currentLossStreak: this.lossRun,
      longestWinStreak: this.longestWin,
      longestLossStreak: this.longestLoss,
    };
  }
}

const MINUTE_MS = 60_000;
const MINUTES = 60;

/**
 * How many events happened in the last hour, to the minute: sixty per-minute counts in a ring,
 * so memory stays the same however many events come (one timestamp per event grew with the
 * rate: ≈ 1 million numbers an hour at the load benchmark's evaluation rate).
 */
export class HourlyCount {
  private readonly minutes = new Float64Array(MINUTES).fill(-1);
  private readonly counts = new Float64Array(MINUTES);

  add(nowMs: number): void {
    const minute = Math.floor(nowMs / MINUTE_MS);
    const slot = minute % MINUTES;
    if (this.minutes[slot] !== minute) {
      this.minutes[slot] = minute;
      this.counts[slot] = 0;
    }
    this.counts[slot] += 1;
  }

  /** Events in the current minute and the 59 before it. */
  total(nowMs: number): number {
    const oldest = Math.floor(nowMs / MINUTE_MS) - (MINUTES - 1);
    let total = 0;
    for (let slot = 0; slot < MINUTES; slot += 1) {
      if (this.minutes[slot] >= oldest) total += this.counts[slot];
    }
    return total;
  }
}

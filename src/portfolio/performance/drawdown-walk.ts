import { describeDrawdown, drawdownFraction } from './drawdown';
import type { ParsedEquityPoint } from './equity-curve';
import type { ExactDecimal } from './exact-decimal';
import type { MaxDrawdown } from './performance.types';

/** An equity point with its id: points at the same instant are in id order. */
export interface KeptEquityPoint extends ParsedEquityPoint {
  id: number;
  timeMs: number;
  /** `equity` as the nearest double, to rule out most points cheaply (see `mayBeDeeper`). */
  equityNumber: number;
}

/** Whether `a` comes after `b` on the curve. */
export function isAfter(a: KeptEquityPoint, b: KeptEquityPoint): boolean {
  return a.timeMs > b.timeMs || (a.timeMs === b.timeMs && a.id > b.id);
}

/**
 * `maxDrawdown` and `currentDrawdown` walked one point at a time in curve order: the running
 * peak, the deepest drawdown so far, its recovery, and the last point.
 */
export class DrawdownState {
  private peak: KeptEquityPoint | null = null;
  private deepest: {
    peak: KeptEquityPoint;
    trough: KeptEquityPoint;
    fraction: ExactDecimal;
    fractionNumber: number;
  } | null = null;
  private recovery: KeptEquityPoint | null = null;
  private lastPoint: KeptEquityPoint | null = null;

  get last(): KeptEquityPoint | null {
    return this.lastPoint;
  }

  copy(): DrawdownState {
    return Object.assign(new DrawdownState(), this);
  }

  fold(point: KeptEquityPoint): void {
    this.lastPoint = point;
    const peak = this.peak;
    if (peak === null || point.equity.greaterThan(peak.equity)) {
      this.peak = point;
    } else if (this.mayBeDeeper(peak, point)) {
      const fraction = drawdownFraction(peak.equity, point.equity);
      if (fraction !== null && fraction.greaterThan(this.deepest?.fraction ?? 0)) {
        this.deepest = { peak, trough: point, fraction, fractionNumber: fraction.toNumber() };
        this.recovery = null;
        return;
      }
    }
    if (
      this.deepest &&
      !this.recovery &&
      point.equity.greaterThanOrEqualTo(this.deepest.peak.equity)
    )
      this.recovery = point;
  }

  /**
   * False when the drawdown at `point` is surely not deeper than the deepest so far, judged in
   * doubles (the exact fraction is a 50-digit division, most of a walk's cost). The doubles'
   * error is below 4 · 2⁻⁵³ · (1 + |f|); the margin is thousands of times that.
   */
  private mayBeDeeper(peak: KeptEquityPoint, point: KeptEquityPoint): boolean {
    if (this.deepest === null) return true;
    const fraction = (peak.equityNumber - point.equityNumber) / peak.equityNumber;
    const deepest = this.deepest.fractionNumber;
    if (!Number.isFinite(fraction) || !Number.isFinite(deepest)) return true;
    return fraction + 1e-12 * (1 + Math.abs(fraction) + Math.abs(deepest)) >= deepest;
  }

  maxDrawdown(): MaxDrawdown | null {
    if (this.deepest === null) return null;
    const { peak, trough, fraction } = this.deepest;
    return describeDrawdown(peak, trough, fraction, this.recovery ?? undefined);
  }

  /** The highest equity so far is the running peak's. */
  currentDrawdown(): number | null {
    if (this.peak === null || this.lastPoint === null) return null;
    return drawdownFraction(this.peak.equity, this.lastPoint.equity)?.toNumber() ?? null;
  }
}

/**
 * The drawdown state over a curve whose points may arrive a little out of order: the state of
 * every point before a kept tail (`base`) plus the tail's points, so a point that belongs inside
 * the tail is put in its place and the tail walked again from `base`. A point before the tail
 * (later than `tailLength` newer points) cannot be placed: `add` answers false and the walk must
 * be built again from the whole curve.
 */
export class DrawdownWalk {
  private base = new DrawdownState();
  private tail: KeptEquityPoint[] = [];
  private walked = new DrawdownState();
  private walkedIsStale = false;

  /** At most 2 × tailLength points are kept; at 5 s a point, 1,024 is 1.4 to 2.8 hours. */
  constructor(private readonly tailLength = 1024) {}

  add(point: KeptEquityPoint): boolean {
    const last = this.tail.at(-1) ?? this.base.last;
    if (last === null || isAfter(point, last)) {
      this.tail.push(point);
      if (!this.walkedIsStale) this.walked.fold(point);
    } else {
      const before = this.base.last;
      if (before !== null && !isAfter(point, before)) return false;
      this.tail.splice(
        this.tail.findIndex((kept) => isAfter(kept, point)),
        0,
        point,
      );
      this.walkedIsStale = true;
    }
    if (this.tail.length > 2 * this.tailLength)
      this.moveIntoBase(this.tail.length - this.tailLength);
    return true;
  }

  get state(): DrawdownState {
    if (this.walkedIsStale) {
      this.walked = this.base.copy();
      for (const point of this.tail) this.walked.fold(point);
      this.walkedIsStale = false;
    }
    return this.walked;
  }

  private moveIntoBase(count: number): void {
    for (const point of this.tail.splice(0, count)) this.base.fold(point);
  }
}

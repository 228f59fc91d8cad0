import type { ExactDecimal } from './exact-decimal';
import type { ParsedEquityPoint } from './equity-curve';
import type { DailyReturn } from './performance.types';
import { utcDateKey } from './utc-calendar';

/**
 * r_d = E_d / E_prev − 1, where E_d is the last equity of UTC day d and E_prev the last equity of
 * the previous UTC day that has a point (days without points are spanned, not filled).
 * A return whose base E_prev ≤ 0 is undefined and left out.
 */
export function dailyReturns(curve: readonly ParsedEquityPoint[]): DailyReturn[] {
  return returnsBetweenCloses(dailyCloses(curve));
}

/** The returns from each daily close to the next (closes oldest day first, one per day). */
export function returnsBetweenCloses(
  closes: readonly { date: string; equity: ExactDecimal }[],
): DailyReturn[] {
  const returns: DailyReturn[] = [];
  for (let i = 1; i < closes.length; i += 1) {
    const previous = closes[i - 1].equity;
    if (previous.greaterThan(0)) {
      const change = closes[i].equity.div(previous).minus(1);
      returns.push({ date: closes[i].date, return: change.toNumber() });
    }
  }
  return returns;
}

/** The last point of each UTC day, oldest day first (the curve must be sorted by time). */
function dailyCloses(
  curve: readonly ParsedEquityPoint[],
): (ParsedEquityPoint & { date: string })[] {
  const byDay = new Map<string, ParsedEquityPoint>();
  for (const point of curve) byDay.set(utcDateKey(point.time), point);
  return [...byDay.entries()].map(([date, point]) => ({ ...point, date }));
}

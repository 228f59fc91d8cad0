import type { TradeFrequency } from './performance.types';
import { calendarDaysInclusive } from './utc-calendar';

export const DAYS_PER_WEEK = 7;
/** Mean Gregorian month: 365.2425 / 12 days. */
export const DAYS_PER_MONTH = 30.436875;

/**
 * Average closed trades per day, week and month over the window of UTC calendar days from the
 * earliest `closedAt` through `now` (or through the latest `closedAt` if that is later), both
 * days included. A window shorter than one unit counts as one unit, so a short history is never
 * extrapolated into a larger per-week or per-month figure. No trades → all 0.
 */
export function tradeFrequency(closedAts: readonly Date[], now: Date): TradeFrequency {
  if (closedAts.length === 0) return NO_TRADES;
  const times = closedAts.map((date) => date.getTime());
  const first = new Date(times.reduce((a, b) => Math.min(a, b)));
  const last = new Date(times.reduce((a, b) => Math.max(a, b), now.getTime()));
  return tradeFrequencyOver(closedAts.length, first, last);
}

export const NO_TRADES: TradeFrequency = { tradesPerDay: 0, tradesPerWeek: 0, tradesPerMonth: 0 };

/** `count` trades over the UTC calendar days from `first` through `last`, both included. */
export function tradeFrequencyOver(count: number, first: Date, last: Date): TradeFrequency {
  const days = calendarDaysInclusive(first, last);
  const perUnit = (unitDays: number): number => count / Math.max(1, days / unitDays);
  return {
    tradesPerDay: perUnit(1),
    tradesPerWeek: perUnit(DAYS_PER_WEEK),
    tradesPerMonth: perUnit(DAYS_PER_MONTH),
  };
}

export const MS_PER_DAY = 86_400_000;

export function assertValidDate(date: Date, field: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`${field} is not a valid Date`);
  }
}

/** 'YYYY-MM-DD' of the UTC calendar day. */
export function utcDateKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** 'YYYY-MM' of the UTC calendar month. */
export function utcMonthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

function utcMidnight(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Number of UTC calendar days from `from`'s day through `to`'s day, both included. */
export function calendarDaysInclusive(from: Date, to: Date): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / MS_PER_DAY) + 1;
}

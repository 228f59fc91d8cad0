import { settlementDate as settlementDay, tradeDate } from '../risk/compliance/business-calendar';
import { CalendarRangeError } from '../risk/compliance/compliance.errors';

/**
 * When a trade's cash settles: T+1 on the US equity settlement calendar (docs/COMPLIANCE.md).
 * Past the end of the holiday table it falls back to the next weekday rather than refusing to
 * book a fill that already happened.
 */
export function settlementDate(executedAt: Date): Date {
  try {
    return settlementDay(tradeDate(executedAt));
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    return nextWeekday(executedAt);
  }
}

function nextWeekday(at: Date): Date {
  const date = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  do date.setUTCDate(date.getUTCDate() + 1);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6);
  return date;
}

import { CalendarRangeError, ComplianceInputError } from './compliance.errors';
import { HolidayTable, US_EQUITY_HOLIDAYS } from './us-equity-holidays.constants';

/**
 * Calendar dates are `Date`s at 00:00 UTC: only their UTC year-month-day matters. A timestamp
 * becomes a calendar date through `tradeDate` (New York date), never by truncating UTC.
 */
export interface BusinessCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  readonly marketClosures: ReadonlySet<string>;
  readonly settlementClosures: ReadonlySet<string>;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const newYorkDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function toIsoDate(date: Date): string {
  assertValidDate(date);
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(iso: string): Date {
  const match = ISO_DATE.exec(iso);
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== iso) {
    throw new ComplianceInputError(`not a calendar date (YYYY-MM-DD): "${iso}"`);
  }
  return date;
}

/** The UTC calendar date of `date` (time of day dropped). */
export function calendarDate(date: Date): Date {
  return fromIsoDate(toIsoDate(date));
}

/**
 * The trading date of an instant: its calendar date in America/New_York, where US equities trade.
 * 21:00 ET on 6 March (02:00 UTC on 7 March) belongs to 6 March's session (after hours).
 */
export function tradeDate(timestamp: Date): Date {
  assertValidDate(timestamp);
  // New York's date changes on whole minutes (midnight; DST moves at 02:00), so a minute's
  // answer holds for all of it. Replaying a long history asks for the same minutes again.
  const minute = Math.floor(timestamp.getTime() / MINUTE_MS);
  let day = tradeDays.get(minute);
  if (day === undefined) {
    day = fromIsoDate(newYorkDate.format(timestamp)).getTime();
    remember(tradeDays, minute, day);
  }
  return new Date(day);
}

const MINUTE_MS = 60_000;
const MEMO_LIMIT = 100_000;
const tradeDays = new Map<number, number>();

/** A bounded memo: emptied when full (the answers are cheap to recompute, the memory is not). */
function remember<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

export function createBusinessCalendar(table: HolidayTable = US_EQUITY_HOLIDAYS): BusinessCalendar {
  const marketClosures = new Set<string>();
  const settlementClosures = new Set<string>();
  for (const exception of table.exceptions) {
    assertExceptionDate(exception.date, table);
    if (exception.market === 'closed') marketClosures.add(exception.date);
    if (exception.settlement === 'closed') settlementClosures.add(exception.date);
  }
  return {
    firstYear: table.firstYear,
    lastYear: table.lastYear,
    marketClosures,
    settlementClosures,
  };
}

export const US_EQUITY_CALENDAR: BusinessCalendar = createBusinessCalendar();

/** A weekday on which NYSE holds a session. */
export function isBusinessDay(
  date: Date,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): boolean {
  const iso = coveredIsoDate(date, calendar);
  return isWeekday(date) && !calendar.marketClosures.has(iso);
}

/** A weekday on which regular-way trades settle (bank holidays excluded even when NYSE trades). */
export function isSettlementDay(
  date: Date,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): boolean {
  const iso = coveredIsoDate(date, calendar);
  return isWeekday(date) && !calendar.settlementClosures.has(iso);
}

/** Moves `n` business days from the calendar date of `date` (backwards for negative `n`). */
export function addBusinessDays(
  date: Date,
  n: number,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): Date {
  return stepDays(date, n, (day) => isBusinessDay(day, calendar));
}

/** Business days in the half-open interval (from, to]; negative when `to` is before `from`. */
export function businessDaysBetween(
  from: Date,
  to: Date,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): number {
  const start = calendarDate(from);
  const end = calendarDate(to);
  if (end < start) return -businessDaysBetween(end, start, calendar);
  let count = 0;
  for (let day = addCalendarDays(start, 1); day <= end; day = addCalendarDays(day, 1)) {
    if (isBusinessDay(day, calendar)) count += 1;
  }
  return count;
}

/** The last business day on or before `date`. */
export function businessDayOnOrBefore(
  date: Date,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): Date {
  const day = calendarDate(date);
  return isBusinessDay(day, calendar) ? day : addBusinessDays(day, -1, calendar);
}

/** T+`cycle` settlement: the `cycle`-th settlement day after the trade date (T+1 since 28 May 2024). */
export function settlementDate(
  tradeDay: Date,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
  cycle = 1,
): Date {
  if (!Number.isInteger(cycle) || cycle < 1) {
    throw new ComplianceInputError(`settlement cycle must be a positive integer, got ${cycle}`);
  }
  let byDay = settlementDays.get(calendar);
  if (!byDay) settlementDays.set(calendar, (byDay = new Map()));
  const key = `${toIsoDate(tradeDay)}+${cycle}`;
  let settles = byDay.get(key);
  if (settles === undefined) {
    settles = stepDays(tradeDay, cycle, (day) => isSettlementDay(day, calendar)).getTime();
    remember(byDay, key, settles);
  }
  return new Date(settles);
}

/** Settlement dates already worked out, per calendar and trade date (+ cycle). */
const settlementDays = new WeakMap<BusinessCalendar, Map<string, number>>();

export function addCalendarDays(date: Date, days: number): Date {
  return new Date(calendarDate(date).getTime() + days * DAY_MS);
}

/** Same day `months` later (or earlier); a day missing in the target month rolls into the next. */
export function addCalendarMonths(date: Date, months: number): Date {
  const day = calendarDate(date);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, day.getUTCDate()));
}

function stepDays(date: Date, n: number, counts: (day: Date) => boolean): Date {
  if (!Number.isInteger(n)) throw new ComplianceInputError(`day count must be an integer: ${n}`);
  const step = Math.sign(n);
  let day = calendarDate(date);
  for (let remaining = Math.abs(n); remaining > 0;) {
    day = addCalendarDays(day, step);
    if (counts(day)) remaining -= 1;
  }
  return day;
}

function isWeekday(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function coveredIsoDate(date: Date, calendar: BusinessCalendar): string {
  const iso = toIsoDate(date);
  const year = date.getUTCFullYear();
  if (year < calendar.firstYear || year > calendar.lastYear) {
    throw new CalendarRangeError(
      `${iso} is outside the holiday table (${calendar.firstYear}–${calendar.lastYear}); extend it`,
    );
  }
  return iso;
}

function assertExceptionDate(iso: string, table: HolidayTable): void {
  const date = fromIsoDate(iso);
  const year = date.getUTCFullYear();
  if (year < table.firstYear || year > table.lastYear || !isWeekday(date)) {
    throw new ComplianceInputError(`holiday ${iso} must be a weekday within the table's years`);
  }
}

function assertValidDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new ComplianceInputError('invalid Date');
  }
}

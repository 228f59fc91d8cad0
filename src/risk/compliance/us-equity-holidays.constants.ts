/**
 * A day on which US equity trading or settlement departs from the Monday–Friday norm.
 * `market: 'closed'` — NYSE has no session; `settlement: 'closed'` — no regular-way settlement
 * (NSCC/DTC) that day, so trades settle on the next settlement day.
 */
export interface CalendarException {
  readonly date: string;
  readonly name: string;
  readonly market: 'open' | 'closed';
  readonly settlement: 'open' | 'closed';
}

export interface HolidayTable {
  /** First and last calendar year the table is complete for; dates outside are refused. */
  readonly firstYear: number;
  readonly lastYear: number;
  readonly exceptions: readonly CalendarException[];
}

const holiday = (date: string, name: string): CalendarException => ({
  date,
  name,
  market: 'closed',
  settlement: 'closed',
});

/** Federal Reserve bank holiday on which the exchanges trade: a trading day, not a settlement day. */
const bankHoliday = (date: string, name: string): CalendarException => ({
  date,
  name,
  market: 'open',
  settlement: 'closed',
});

/**
 * NYSE full-day holidays 2025–2028 as published by NYSE Group ("NYSE Group Announces 2025, 2026
 * and 2027 Holiday and Early Closings Calendar", 8 Nov 2024, and the 2026, 2027 and 2028
 * calendar of 23 Dec 2025; NYSE Rule 7.2). Early closes (1 p.m. ET) are full trading days and
 * are not listed.
 *
 * Columbus Day and Veterans Day: exchanges open, banks closed, no settlement — FINRA's
 * trade-date/settlement-date schedules (e.g. Notices to Members 95-77, 99-83, 92-54).
 *
 * 9 Jan 2025 (National Day of Mourning for President Carter): NYSE and Nasdaq closed; Fedwire
 * open (SIFMA unscheduled-close matrix) and DTCC's unscheduled-close guide keeps NSCC/DTC
 * settling, so it is modelled as a settlement day without a session.
 */
export const US_EQUITY_HOLIDAYS: HolidayTable = {
  firstYear: 2025,
  lastYear: 2028,
  exceptions: [
    holiday('2025-01-01', "New Year's Day"),
    { date: '2025-01-09', name: 'National Day of Mourning', market: 'closed', settlement: 'open' },
    holiday('2025-01-20', 'Martin Luther King, Jr. Day'),
    holiday('2025-02-17', "Washington's Birthday"),
    holiday('2025-04-18', 'Good Friday'),
    holiday('2025-05-26', 'Memorial Day'),
    holiday('2025-06-19', 'Juneteenth National Independence Day'),
    holiday('2025-07-04', 'Independence Day'),
    holiday('2025-09-01', 'Labor Day'),
    bankHoliday('2025-10-13', 'Columbus Day'),
    bankHoliday('2025-11-11', 'Veterans Day'),
    holiday('2025-11-27', 'Thanksgiving Day'),
    holiday('2025-12-25', 'Christmas Day'),

    holiday('2026-01-01', "New Year's Day"),
    holiday('2026-01-19', 'Martin Luther King, Jr. Day'),
    holiday('2026-02-16', "Washington's Birthday"),
    holiday('2026-04-03', 'Good Friday'),
    holiday('2026-05-25', 'Memorial Day'),
    holiday('2026-06-19', 'Juneteenth National Independence Day'),
    holiday('2026-07-03', 'Independence Day (observed)'),
    holiday('2026-09-07', 'Labor Day'),
    bankHoliday('2026-10-12', 'Columbus Day'),
    bankHoliday('2026-11-11', 'Veterans Day'),
    holiday('2026-11-26', 'Thanksgiving Day'),
    holiday('2026-12-25', 'Christmas Day'),

    holiday('2027-01-01', "New Year's Day"),
    holiday('2027-01-18', 'Martin Luther King, Jr. Day'),
    holiday('2027-02-15', "Washington's Birthday"),
    holiday('2027-03-26', 'Good Friday'),
    holiday('2027-05-31', 'Memorial Day'),
    holiday('2027-06-18', 'Juneteenth National Independence Day (observed)'),
    holiday('2027-07-05', 'Independence Day (observed)'),
    holiday('2027-09-06', 'Labor Day'),
    bankHoliday('2027-10-11', 'Columbus Day'),
    bankHoliday('2027-11-11', 'Veterans Day'),
    holiday('2027-11-25', 'Thanksgiving Day'),
    holiday('2027-12-24', 'Christmas Day (observed)'),
    // 1 January 2028 is a Saturday: no New Year's Day holiday is observed (NYSE Rule 7.2)
    holiday('2028-01-17', 'Martin Luther King, Jr. Day'),
    holiday('2028-02-21', "Washington's Birthday"),
    holiday('2028-04-14', 'Good Friday'),
    holiday('2028-05-29', 'Memorial Day'),
    holiday('2028-06-19', 'Juneteenth National Independence Day'),
    holiday('2028-07-04', 'Independence Day'),
    holiday('2028-09-04', 'Labor Day'),
    bankHoliday('2028-10-09', 'Columbus Day'),
    // 11 November 2028 is a Saturday: the Federal Reserve Banks open on the Friday before
    holiday('2028-11-23', 'Thanksgiving Day'),
    holiday('2028-12-25', 'Christmas Day'),
  ],
};

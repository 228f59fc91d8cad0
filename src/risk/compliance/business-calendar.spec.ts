import {
  addBusinessDays,
  addCalendarMonths,
  businessDayOnOrBefore,
  businessDaysBetween,
  createBusinessCalendar,
  fromIsoDate,
  isBusinessDay,
  isSettlementDay,
  settlementDate,
  toIsoDate,
  tradeDate,
  US_EQUITY_CALENDAR,
} from './business-calendar';
import { CalendarRangeError, ComplianceInputError } from './compliance.errors';
import { US_EQUITY_HOLIDAYS } from './us-equity-holidays.constants';

const day = (iso: string): Date => fromIsoDate(iso);
const iso = (date: Date): string => toIsoDate(date);

describe('business calendar', () => {
  describe('isBusinessDay', () => {
    it.each([
      ['2025-03-07', true, 'a Friday'],
      ['2025-03-08', false, 'a Saturday'],
      ['2025-03-09', false, 'a Sunday'],
      ['2025-01-09', false, 'the National Day of Mourning'],
      ['2025-04-18', false, 'Good Friday 2025'],
      ['2025-07-03', true, 'the early close before Independence Day'],
      ['2025-10-13', true, 'Columbus Day (exchanges open)'],
      ['2026-07-03', false, 'Independence Day observed on a Friday'],
      ['2027-06-18', false, 'Juneteenth observed on a Friday'],
      ['2027-12-24', false, 'Christmas observed on a Friday'],
      ['2027-12-31', true, "New Year's Eve 2027 (Saturday holiday not observed)"],
    ])('%s is %s (%s)', (date, expected) => {
      expect(isBusinessDay(day(date))).toBe(expected);
    });

    it('uses the UTC date of a Date with a time of day', () => {
      expect(isBusinessDay(new Date('2025-03-07T23:59:59Z'))).toBe(true);
      expect(isBusinessDay(new Date('2025-03-08T00:00:00Z'))).toBe(false);
    });

    it('refuses dates the holiday table does not cover instead of guessing', () => {
      expect(() => isBusinessDay(day('2024-12-31'))).toThrow(CalendarRangeError);
      expect(() => isBusinessDay(day('2029-01-02'))).toThrow(CalendarRangeError);
      expect(() => addBusinessDays(day('2028-12-29'), 1)).toThrow(CalendarRangeError);
    });
  });

  describe('the 2025–2028 table', () => {
    it('lists every NYSE holiday on a weekday: ten a year, the 2025 day of mourning, none for New Year 2028', () => {
      const byYear = (year: string) =>
        [...US_EQUITY_CALENDAR.marketClosures].filter((date) => date.startsWith(year)).length;
      expect([byYear('2025'), byYear('2026'), byYear('2027'), byYear('2028')]).toEqual([
        11, 10, 10, 9,
      ]);
    });

    it('has no settlement on exchange holidays nor on Columbus and Veterans Day', () => {
      expect(US_EQUITY_CALENDAR.settlementClosures.size).toBe(30 + 6 + 9 + 1);
      expect(isSettlementDay(day('2028-10-09'))).toBe(false);
      expect(isSettlementDay(day('2028-11-10'))).toBe(true);
      expect(isSettlementDay(day('2025-04-18'))).toBe(false);
      expect(isSettlementDay(day('2025-11-11'))).toBe(false);
      expect(isSettlementDay(day('2025-01-09'))).toBe(true);
    });
  });

  describe('addBusinessDays', () => {
    it.each([
      ['2025-03-07', 1, '2025-03-10', 'Friday → Monday over a weekend'],
      ['2025-11-26', 1, '2025-11-28', 'Wednesday → Friday over Thanksgiving'],
      ['2025-04-17', 1, '2025-04-21', 'Thursday → Monday over Good Friday and a weekend'],
      ['2026-01-16', 1, '2026-01-20', 'Friday → Tuesday over Martin Luther King Jr. Day'],
      ['2027-12-23', 1, '2027-12-27', 'Thursday → Monday over Christmas observed'],
      ['2027-12-31', 1, '2028-01-03', 'over New Year 2028 (a Saturday: not observed)'],
      ['2028-04-13', 1, '2028-04-17', 'Thursday → Monday over Good Friday 2028'],
      ['2025-01-08', 1, '2025-01-10', 'over the unscheduled closure of 9 January 2025'],
      ['2025-06-16', 5, '2025-06-24', 'a week containing Juneteenth'],
      ['2025-05-27', -1, '2025-05-23', 'back over Memorial Day and a weekend'],
      ['2025-03-10', -5, '2025-03-03', 'five back'],
      ['2025-03-08', 0, '2025-03-08', 'zero keeps the date, business day or not'],
    ])('%s %+d → %s (%s)', (from, n, expected) => {
      expect(iso(addBusinessDays(day(from), n))).toBe(expected);
    });

    it('drops the time of day', () => {
      expect(addBusinessDays(new Date('2025-03-07T20:15:00Z'), 1)).toEqual(day('2025-03-10'));
    });

    it('refuses fractional counts', () => {
      expect(() => addBusinessDays(day('2025-03-07'), 1.5)).toThrow(ComplianceInputError);
    });
  });

  describe('businessDaysBetween', () => {
    it('counts business days in (from, to] across Christmas and New Year', () => {
      expect(businessDaysBetween(day('2025-12-24'), day('2026-01-02'))).toBe(5);
      expect(businessDaysBetween(day('2026-01-02'), day('2025-12-24'))).toBe(-5);
      expect(businessDaysBetween(day('2025-12-24'), day('2025-12-24'))).toBe(0);
      expect(businessDaysBetween(day('2025-03-07'), day('2025-03-09'))).toBe(0);
    });

    it('inverts addBusinessDays for every business day of 2025 and 1–10 days', () => {
      for (let date = day('2025-01-02'); date < day('2025-12-17');) {
        for (let n = 1; n <= 10; n += 1) {
          expect(businessDaysBetween(date, addBusinessDays(date, n))).toBe(n);
        }
        date = addBusinessDays(date, 1);
      }
    });
  });

  describe('businessDayOnOrBefore', () => {
    it('maps weekends and holidays to the previous session', () => {
      expect(iso(businessDayOnOrBefore(day('2025-03-09')))).toBe('2025-03-07');
      expect(iso(businessDayOnOrBefore(day('2025-07-04')))).toBe('2025-07-03');
      expect(iso(businessDayOnOrBefore(day('2025-07-07')))).toBe('2025-07-07');
    });
  });

  describe('settlementDate (T+1)', () => {
    it.each([
      ['2025-03-07', '2025-03-10', 'a Friday trade settles on Monday'],
      ['2025-11-26', '2025-11-28', 'the day before Thanksgiving settles after it'],
      ['2025-07-03', '2025-07-07', 'the early close before Independence Day settles on Monday'],
      ['2025-10-10', '2025-10-14', 'Friday before Columbus Day settles on Tuesday'],
      ['2025-10-13', '2025-10-14', 'a Columbus Day trade settles with Friday’s'],
      ['2025-11-10', '2025-11-12', 'Monday before Veterans Day settles on Wednesday'],
      ['2025-01-08', '2025-01-09', 'settlement ran on the day of mourning'],
    ])('%s → %s (%s)', (traded, expected) => {
      expect(iso(settlementDate(day(traded)))).toBe(expected);
    });

    it('supports a longer cycle and refuses a non-positive one', () => {
      expect(iso(settlementDate(day('2025-03-06'), US_EQUITY_CALENDAR, 2))).toBe('2025-03-10');
      expect(() => settlementDate(day('2025-03-06'), US_EQUITY_CALENDAR, 0)).toThrow(
        ComplianceInputError,
      );
    });
  });

  describe('tradeDate', () => {
    it.each([
      ['2025-03-07T02:00:00Z', '2025-03-06', '21:00 EST belongs to the previous New York day'],
      ['2025-03-07T05:00:00Z', '2025-03-07', 'midnight EST'],
      ['2025-03-10T03:30:00Z', '2025-03-09', '23:30 EDT, the night DST began'],
      ['2025-07-01T03:59:59Z', '2025-06-30', 'one second before midnight EDT'],
      ['2025-07-01T04:00:00Z', '2025-07-01', 'midnight EDT'],
      ['2025-11-03T04:30:00Z', '2025-11-02', '23:30 EST, the night DST ended'],
    ])('%s → %s (%s)', (timestamp, expected) => {
      expect(iso(tradeDate(new Date(timestamp)))).toBe(expected);
    });

    it('refuses an invalid Date', () => {
      expect(() => tradeDate(new Date('nonsense'))).toThrow(ComplianceInputError);
    });
  });

  describe('an injected holiday table', () => {
    const calendar = createBusinessCalendar({
      firstYear: 2030,
      lastYear: 2030,
      exceptions: [
        { date: '2030-03-04', name: 'Test Monday', market: 'closed', settlement: 'closed' },
      ],
    });

    it('replaces the built-in one', () => {
      expect(isBusinessDay(day('2030-03-04'), calendar)).toBe(false);
      expect(iso(addBusinessDays(day('2030-03-01'), 1, calendar))).toBe('2030-03-05');
      expect(() => isBusinessDay(day('2025-03-07'), calendar)).toThrow(CalendarRangeError);
    });

    it('is validated: weekend entries and entries outside its years are refused', () => {
      const table = (date: string) => ({
        firstYear: 2030,
        lastYear: 2030,
        exceptions: [{ date, name: 'x', market: 'closed' as const, settlement: 'closed' as const }],
      });
      expect(() => createBusinessCalendar(table('2030-03-02'))).toThrow(ComplianceInputError);
      expect(() => createBusinessCalendar(table('2031-03-03'))).toThrow(ComplianceInputError);
      expect(() => createBusinessCalendar(table('2030-02-30'))).toThrow(ComplianceInputError);
    });

    it('the default table is the 2025–2027 one', () => {
      expect(createBusinessCalendar()).toEqual(createBusinessCalendar(US_EQUITY_HOLIDAYS));
    });
  });

  it('addCalendarMonths rolls a missing day forward', () => {
    expect(iso(addCalendarMonths(day('2025-03-05'), -12))).toBe('2024-03-05');
    expect(iso(addCalendarMonths(day('2025-03-31'), -1))).toBe('2025-03-03');
  });
});

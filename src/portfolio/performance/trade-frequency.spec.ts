import { tradeFrequency } from './trade-frequency';

const dates = (...isos: string[]): Date[] => isos.map((iso) => new Date(iso));
const repeat = (iso: string, count: number): Date[] => Array(count).fill(new Date(iso));

describe('tradeFrequency', () => {
  it('is all zeros without trades', () => {
    expect(tradeFrequency([], new Date('2024-01-01T00:00:00Z'))).toEqual({
      tradesPerDay: 0,
      tradesPerWeek: 0,
      tradesPerMonth: 0,
    });
  });

  it('guards a same-day window: 3 trades within hours → 3 per day, week and month', () => {
    const closedAts = dates('2024-05-01T09:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z');
    expect(tradeFrequency(closedAts, new Date('2024-05-01T11:05:00Z'))).toEqual({
      tradesPerDay: 3,
      tradesPerWeek: 3,
      tradesPerMonth: 3,
    });
  });

  it('counts calendar days inclusive: 7 trades over Jan 1..14 = 14 days', () => {
    // per day 7/14 = 0.5; per week 7/(14/7) = 3.5; per month 7/max(1, 14/30.436875) = 7
    const closedAts = [...repeat('2024-01-01T10:00:00Z', 1), ...repeat('2024-01-08T10:00:00Z', 6)];
    expect(tradeFrequency(closedAts, new Date('2024-01-14T09:00:00Z'))).toEqual({
      tradesPerDay: 0.5,
      tradesPerWeek: 3.5,
      tradesPerMonth: 7,
    });
  });

  it('uses the mean Gregorian month: 73 trades over 365 days', () => {
    // per day 73/365 = 0.2; per week 73/(365/7) = 1.4; per month 73/(365/30.436875) = 6.087375
    const closedAts = [...repeat('2023-01-01T00:00:00Z', 1), ...repeat('2023-06-01T00:00:00Z', 72)];
    const frequency = tradeFrequency(closedAts, new Date('2023-12-31T23:00:00Z'));
    expect(frequency.tradesPerDay).toBeCloseTo(0.2, 12);
    expect(frequency.tradesPerWeek).toBeCloseTo(1.4, 12);
    expect(frequency.tradesPerMonth).toBeCloseTo(6.087375, 12);
  });

  it('counts both days when the window crosses UTC midnight by two minutes', () => {
    const closedAts = dates('2024-01-01T23:59:00Z', '2024-01-02T00:00:00Z');
    expect(tradeFrequency(closedAts, new Date('2024-01-02T00:01:00Z')).tradesPerDay).toBe(1);
  });

  it('extends the window to the latest trade when now is earlier', () => {
    const closedAts = dates('2024-01-04T12:00:00Z', '2024-01-01T12:00:00Z');
    expect(tradeFrequency(closedAts, new Date('2024-01-02T00:00:00Z')).tradesPerDay).toBe(0.5);
  });
});

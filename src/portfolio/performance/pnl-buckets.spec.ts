import { parseDecimal } from './exact-decimal';
import { type DatedPnl, dailyPnl, monthlyPnl } from './pnl-buckets';

const closed = (iso: string, pnl: string): DatedPnl => ({
  closedAt: new Date(iso),
  pnl: parseDecimal(pnl, 'pnl'),
});

// Out of order on purpose; the instants straddle UTC midnights, a month end and a year end.
const trades = [
  closed('2024-04-01T00:00:00.000Z', '5'),
  closed('2024-03-31T23:59:59.999Z', '10.10'),
  closed('2024-04-01T23:59:59.999Z', '-2.55'),
  closed('2024-04-01T01:30:00.000+02:00', '0.2'), // = 2024-03-31T23:30Z
  closed('2024-01-01T00:00:00.000Z', '2'),
  closed('2023-12-31T23:59:59.999Z', '1'),
];

describe('dailyPnl', () => {
  it('sums by UTC calendar day of closedAt, oldest first, only days with trades', () => {
    // 03-31: 10.10 + 0.2 = 10.30; 04-01: 5 − 2.55 = 2.45
    expect(dailyPnl(trades)).toEqual([
      { date: '2023-12-31', pnl: '1.00' },
      { date: '2024-01-01', pnl: '2.00' },
      { date: '2024-03-31', pnl: '10.30' },
      { date: '2024-04-01', pnl: '2.45' },
    ]);
  });

  it('sums exactly: 0.1 + 0.2 − 0.3 on one day is 0.00', () => {
    const sameDay = ['0.1', '0.2', '-0.3'].map((pnl) => closed('2024-02-29T12:00:00Z', pnl));
    expect(dailyPnl(sameDay)).toEqual([{ date: '2024-02-29', pnl: '0.00' }]);
  });

  it('is empty without trades', () => {
    expect(dailyPnl([])).toEqual([]);
  });
});

describe('monthlyPnl', () => {
  it('sums by UTC calendar month of closedAt, oldest first', () => {
    expect(monthlyPnl(trades)).toEqual([
      { month: '2023-12', pnl: '1.00' },
      { month: '2024-01', pnl: '2.00' },
      { month: '2024-03', pnl: '10.30' },
      { month: '2024-04', pnl: '2.45' },
    ]);
  });

  it('rounds only the sum: 1.001 + 1.004 = 2.005 → 2.01 (float sum rounds to 2.00)', () => {
    const month = ['1.001', '1.004'].map((pnl) => closed('2024-05-10T00:00:00Z', pnl));
    expect(monthlyPnl(month)).toEqual([{ month: '2024-05', pnl: '2.01' }]);
  });
});

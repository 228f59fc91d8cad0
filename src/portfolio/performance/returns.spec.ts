import { parseEquityCurve } from './equity-curve';
import type { EquityPoint } from './performance.types';
import { dailyReturns } from './returns';

const point = (time: string, equity: string): EquityPoint => ({ time: new Date(time), equity });

describe('dailyReturns', () => {
  it("compares each UTC day's last equity with the previous day's last equity", () => {
    // closes: Jan 1 105 (20:00), Jan 2 110 (23:59:59.999), Jan 3 121 (00:00:00.000)
    // returns: 110/105 − 1 = 1/21; 121/110 − 1 = 0.1
    const curve = parseEquityCurve([
      point('2024-01-02T10:00:00.000Z', '99'),
      point('2024-01-01T09:00:00.000Z', '100'),
      point('2024-01-03T00:00:00.000Z', '121'),
      point('2024-01-01T20:00:00.000Z', '105'),
      point('2024-01-02T23:59:59.999Z', '110'),
    ]);
    const returns = dailyReturns(curve);
    expect(returns.map((r) => r.date)).toEqual(['2024-01-02', '2024-01-03']);
    expect(returns[0].return).toBeCloseTo(1 / 21, 15);
    expect(returns[1].return).toBe(0.1);
  });

  it('spans days without points instead of filling them', () => {
    const curve = parseEquityCurve([
      point('2024-01-01T12:00:00Z', '100'),
      point('2024-01-05T12:00:00Z', '110'),
    ]);
    expect(dailyReturns(curve)).toEqual([{ date: '2024-01-05', return: 0.1 }]);
  });

  it('leaves out a return whose base equity is not positive', () => {
    const curve = parseEquityCurve([
      point('2024-01-01T12:00:00Z', '0'),
      point('2024-01-02T12:00:00Z', '10'),
      point('2024-01-03T12:00:00Z', '20'),
    ]);
    expect(dailyReturns(curve)).toEqual([{ date: '2024-01-03', return: 1 }]);
  });

  it('has no returns for a single day or an empty curve', () => {
    expect(dailyReturns(parseEquityCurve([point('2024-01-01T01:00:00Z', '1')]))).toEqual([]);
    expect(dailyReturns([])).toEqual([]);
  });

  it('rejects an equity that is not a decimal string', () => {
    expect(() => parseEquityCurve([point('2024-01-01T00:00:00Z', '1e3')])).toThrow(
      'equityCurve[0].equity is not a decimal string',
    );
  });
});

import { currentDrawdown, maxDrawdown } from './drawdown';
import { parseEquityCurve } from './equity-curve';

const DAY_MS = 86_400_000;
const dayAt = (n: number): Date => new Date(Date.UTC(2024, 0, n));
/** One point per UTC day starting Jan 1. */
const curveOf = (...equities: string[]) =>
  parseEquityCurve(equities.map((equity, i) => ({ time: dayAt(i + 1), equity })));

describe('maxDrawdown', () => {
  it('100, 110, 99, 120: (110 − 99) / 110 = 0.1, recovered at 120', () => {
    expect(maxDrawdown(curveOf('100', '110', '99', '120'))).toEqual({
      fraction: 0.1,
      peakEquity: '110.00',
      troughEquity: '99.00',
      peakAt: dayAt(2),
      troughAt: dayAt(3),
      recoveredAt: dayAt(4),
      recoveryTime: DAY_MS,
    });
  });

  it('100, 120, 90, 110: (120 − 90) / 120 = 0.25, never recovered', () => {
    expect(maxDrawdown(curveOf('100', '120', '90', '110'))).toEqual({
      fraction: 0.25,
      peakEquity: '120.00',
      troughEquity: '90.00',
      peakAt: dayAt(2),
      troughAt: dayAt(3),
      recoveredAt: null,
      recoveryTime: null,
    });
  });

  it('keeps the deeper of two episodes: 100, 90, 100, 120, 84, 130 → 36 / 120 = 0.3', () => {
    expect(maxDrawdown(curveOf('100', '90', '100', '120', '84', '130'))).toMatchObject({
      fraction: 0.3,
      peakAt: dayAt(4),
      troughAt: dayAt(5),
      recoveredAt: dayAt(6),
    });
  });

  it('counts equity equal to the peak as recovered: 100, 80, 100', () => {
    expect(maxDrawdown(curveOf('100', '80', '100'))).toMatchObject({
      fraction: 0.2,
      recoveredAt: dayAt(3),
      recoveryTime: DAY_MS,
    });
  });

  it('dates the peak at the first point that reached it: 100, 110, 110, 99, 110', () => {
    expect(maxDrawdown(curveOf('100', '110', '110', '99', '110'))).toMatchObject({
      peakAt: dayAt(2),
      troughAt: dayAt(4),
      recoveredAt: dayAt(5),
    });
  });

  it('keeps the first of equally deep drawdowns: 100, 90, 100, 90', () => {
    expect(maxDrawdown(curveOf('100', '90', '100', '90'))).toMatchObject({
      troughAt: dayAt(2),
      recoveredAt: dayAt(3),
    });
  });

  it('measures recovery time from trough to recovery in milliseconds', () => {
    const curve = parseEquityCurve([
      { time: new Date('2024-01-01T10:00:00.000Z'), equity: '200' },
      { time: new Date('2024-01-01T10:00:01.500Z'), equity: '150' },
      { time: new Date('2024-01-03T10:00:01.500Z'), equity: '200.01' },
    ]);
    expect(maxDrawdown(curve)).toMatchObject({ fraction: 0.25, recoveryTime: 2 * DAY_MS });
  });

  it('is exact in decimal: 0.3 → 0.27 is 0.1 (floats give 0.09999999999999991)', () => {
    expect(maxDrawdown(curveOf('0.3', '0.27'))?.fraction).toBe(0.1);
  });

  it('skips points while the running peak is not positive', () => {
    expect(maxDrawdown(curveOf('0', '-10', '5', '4'))).toMatchObject({
      fraction: 0.2,
      peakAt: dayAt(3),
      troughAt: dayAt(4),
    });
  });

  it('is null when equity never dips or there are no points', () => {
    expect(maxDrawdown(curveOf('100', '100', '101'))).toBeNull();
    expect(maxDrawdown([])).toBeNull();
  });
});

describe('currentDrawdown', () => {
  it('is the last point below the highest equity: 100, 120, 90, 110 → 10 / 120', () => {
    expect(currentDrawdown(curveOf('100', '120', '90', '110'))).toBeCloseTo(1 / 12, 15);
  });

  it('is 0 at a new high and null without points', () => {
    expect(currentDrawdown(curveOf('100', '110', '99', '120'))).toBe(0);
    expect(currentDrawdown([])).toBeNull();
  });
});

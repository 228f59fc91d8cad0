import { barsFromCloses, contextFromCloses, contextOf, ramp } from './testing/bars-from-closes';
import { smaCrossoverStrategy as strategy } from './sma-crossover.strategy';

const defaults = strategy.defaultParameters;
const evaluate = (closes: readonly number[], parameters = defaults) =>
  strategy.evaluate(contextFromCloses(closes), parameters);

describe('sma-crossover', () => {
  const rising = ramp(100, 130, 40);
  const risingThenFalling = [...rising, ...ramp(129, 90, 40)];

  it('needs slowPeriod + 1 bars', () => {
    expect(strategy.requiredBars(defaults)).toBe(31);
    expect(strategy.requiredBars({ fastPeriod: 3, slowPeriod: 8 })).toBe(9);
  });

  it('is long on a rising series (fast above slow, wide gap)', () => {
    const signal = evaluate(rising);
    expect(signal.direction).toBe('long');
    expect(signal.confidence).toBeCloseTo(0.7, 6);
    expect(signal.horizonMinutes).toBe(30);
    expect(signal.reason).toMatch(
      /^fast SMA\(10\) [\d.]+ is above slow SMA\(30\) [\d.]+ \(gap [\d.]+%\)$/,
    );
  });

  it('is short once the series has fallen', () => {
    const signal = evaluate(risingThenFalling);
    expect(signal.direction).toBe('short');
    expect(signal.confidence).toBeCloseTo(0.7, 6);
    expect(signal.reason).toContain('is below');
  });

  it('turns from long to short exactly once, with a more confident fresh cross', () => {
    const signals = risingThenFalling
      .map((_, end) => risingThenFalling.slice(0, end + 1))
      .filter((closes) => closes.length >= strategy.requiredBars(defaults))
      .map((closes) => evaluate(closes));
    const turn = signals.findIndex((signal) => signal.direction === 'short');
    expect(turn).toBeGreaterThan(0);
    expect(signals.slice(0, turn).every((signal) => signal.direction === 'long')).toBe(true);
    expect(signals.slice(turn).every((signal) => signal.direction === 'short')).toBe(true);
    expect(signals[turn].reason).toContain('crossed below');
    expect(signals[turn].confidence).toBeGreaterThanOrEqual(0.6);
    expect(signals[turn + 1].reason).toContain('is below');
    expect(signals[turn + 1].confidence).toBeLessThan(signals[turn].confidence);
  });

  it('grows confidence with the gap on a fresh cross: 0.6 + 0.4 × gap / 1 %', () => {
    const signal = evaluate([...Array<number>(30).fill(100), 100.3]);
    const gap = (100.03 - 100.01) / 100.01;
    expect(signal.direction).toBe('long');
    expect(signal.reason).toContain('crossed above');
    expect(signal.confidence).toBeCloseTo(0.6 + 0.4 * (gap / 0.01), 6);
  });

  it('caps confidence at 1', () => {
    const signal = evaluate([...Array<number>(30).fill(100), 150]);
    expect(signal).toMatchObject({ direction: 'long', confidence: 1 });
  });

  it('is flat with confidence 0 when the averages are equal (despite float noise)', () => {
    const signal = evaluate(Array<number>(31).fill(100.1));
    expect(signal).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(signal.reason).toContain('equals');
  });

  it('is flat with confidence 0 on too few bars', () => {
    expect(evaluate(rising.slice(0, 30))).toEqual({
      direction: 'flat',
      confidence: 0,
      reason: 'not enough bars (have 30, need 31)',
    });
  });

  it('honours custom periods', () => {
    const signal = evaluate([10, 10, 10, 10, 10, 9], { fastPeriod: 2, slowPeriod: 5 });
    expect(signal.direction).toBe('short');
    expect(signal.reason).toContain('fast SMA(2) 9.5 crossed below slow SMA(5) 9.8');
  });

  it('is flat on a NaN price in the bars it reads, and ignores one before them', () => {
    const withNaN = [...rising];
    withNaN[withNaN.length - 3] = NaN;
    expect(evaluate(withNaN)).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(evaluate(withNaN).reason).toContain('bad bar data');

    const bars = barsFromCloses([NaN, ...rising]);
    expect(strategy.evaluate(contextOf(bars), defaults).direction).toBe('long');
  });

  it('rejects a fast period that is not below the slow one', () => {
    const signal = evaluate(rising, { fastPeriod: 30, slowPeriod: 30 });
    expect(signal).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(signal.reason).toContain('fastPeriod must be below slowPeriod');
  });
});

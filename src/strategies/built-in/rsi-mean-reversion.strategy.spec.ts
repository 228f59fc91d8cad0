import { RSI } from 'trading-signals';
import { barsFromCloses, contextFromCloses, contextOf, ramp } from './testing/bars-from-closes';
import { rsiMeanReversionStrategy as strategy } from './rsi-mean-reversion.strategy';

const defaults = strategy.defaultParameters;
const evaluate = (closes: readonly number[], parameters = defaults) =>
  strategy.evaluate(contextFromCloses(closes), parameters);

/** Closes that repeat the given steps from 100: a steady pattern with a known RSI of about RS. */
function walk(steps: readonly number[], count: number): number[] {
  const closes = [100];
  for (let index = 1; index < count; index += 1) {
    closes.push(closes[index - 1] + steps[(index - 1) % steps.length]);
  }
  return closes;
}

function libraryRsi(closes: readonly number[]): number {
  return new RSI(14).updates(closes, false).at(-1) ?? NaN;
}

describe('rsi-mean-reversion', () => {
  // Two losses of 1 for each gain of 0.5: RS ≈ 0.25, RSI ≈ 20.
  const fallingWithBounces = walk([-1, -1, 0.5], 60);
  const risingWithDips = walk([1, 1, -0.5], 60);

  it('needs period + 1 bars', () => {
    expect(strategy.requiredBars(defaults)).toBe(15);
  });

  it('is long when a falling series drives RSI under 30, by (30 - RSI) / 30', () => {
    const signal = evaluate(fallingWithBounces);
    const rsi = libraryRsi(fallingWithBounces);
    expect(rsi).toBeGreaterThan(15);
    expect(rsi).toBeLessThan(25);
    expect(signal.direction).toBe('long');
    expect(signal.confidence).toBeGreaterThan(0.15);
    expect(signal.confidence).toBeLessThan(0.5);
    expect(signal.confidence).toBeCloseTo((30 - rsi) / 30, 10);
    expect(signal.horizonMinutes).toBe(14);
    expect(signal.reason).toMatch(/^RSI\(14\) [\d.]+ below oversold 30$/);
  });

  it('is short when a rising series drives RSI over 70, by (RSI - 70) / 30', () => {
    const signal = evaluate(risingWithDips);
    const rsi = libraryRsi(risingWithDips);
    expect(signal.direction).toBe('short');
    expect(signal.confidence).toBeGreaterThan(0.15);
    expect(signal.confidence).toBeLessThan(0.5);
    expect(signal.confidence).toBeCloseTo((rsi - 70) / 30, 10);
    expect(signal.reason).toContain('above overbought 70');
  });

  it('is fully confident when every bar fell (RSI 0)', () => {
    expect(evaluate(ramp(120, 100, 30))).toMatchObject({ direction: 'long', confidence: 1 });
  });

  it('is flat between the thresholds', () => {
    const signal = evaluate(walk([1, -1], 60));
    expect(signal).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(signal.reason).toMatch(/^RSI\(14\) [\d.]+ between 30 and 70$/);
  });

  it('is flat when prices never moved (the library would say 100)', () => {
    const signal = evaluate(Array<number>(30).fill(100));
    expect(signal).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(signal.reason).toContain('no price change');
  });

  it('is flat with confidence 0 on too few bars', () => {
    expect(evaluate(fallingWithBounces.slice(0, 14))).toEqual({
      direction: 'flat',
      confidence: 0,
      reason: 'not enough bars (have 14, need 15)',
    });
  });

  it('reads only the last 10 × period + 1 bars', () => {
    const window = barsFromCloses(walk([-1, -1, 0.5], 141));
    const oldHistory = barsFromCloses([...ramp(300, 500, 200), NaN]);
    const signal = strategy.evaluate(contextOf([...oldHistory, ...window]), defaults);
    expect(signal.direction).toBe('long');
    expect(signal).toEqual(strategy.evaluate(contextOf(window), defaults));
  });

  it('is flat on a NaN price it reads', () => {
    const closes = [...fallingWithBounces];
    closes[50] = NaN;
    expect(evaluate(closes)).toMatchObject({ direction: 'flat', confidence: 0 });
  });

  it('honours custom thresholds', () => {
    const signal = evaluate(fallingWithBounces, { period: 14, oversold: 10, overbought: 90 });
    expect(signal.direction).toBe('flat');
  });
});

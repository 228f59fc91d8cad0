import { breakoutStrategy as strategy } from './breakout.strategy';
import { barsFromCloses, contextFromCloses, contextOf } from './testing/bars-from-closes';

const defaults = strategy.defaultParameters;
const evaluate = (closes: readonly number[], parameters = defaults) =>
  strategy.evaluate(contextFromCloses(closes), parameters);

// 20 bars swinging 100 ↔ 101 with 0.1 % wicks: channel 99.9–101.101.
const channel: number[] = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 100 : 101));
const upper = 101 * 1.001;
const lower = 100 * 0.999;
// ATR(20) seeds with the mean true range: 0.2 on the first bar, 1.201 on the 19 others.
const atr = (0.2 + 19 * 1.201) / 20;

describe('breakout', () => {
  it('needs lookback + 1 bars', () => {
    expect(strategy.requiredBars(defaults)).toBe(21);
  });

  it('is long when the close jumps above the channel high, by the break in ATRs', () => {
    const signal = evaluate([...channel, 101.7]);
    expect(signal.direction).toBe('long');
    expect(signal.confidence).toBeCloseTo((101.7 - upper) / atr, 6);
    expect(signal.confidence).toBeGreaterThan(0.45);
    expect(signal.confidence).toBeLessThan(0.6);
    expect(signal.horizonMinutes).toBe(20);
    expect(signal.reason).toBe('close 101.7 broke above the 20-bar high 101.1 by 0.6 (0.52 ATR)');
  });

  it('is short when the close drops below the channel low', () => {
    const signal = evaluate([...channel, 99]);
    expect(signal.direction).toBe('short');
    expect(signal.confidence).toBeCloseTo((lower - 99) / atr, 6);
    expect(signal.reason).toContain('below the 20-bar low 99.9');
  });

  it('caps confidence at 1 on a break of more than one ATR', () => {
    expect(evaluate([...channel, 110])).toMatchObject({ direction: 'long', confidence: 1 });
    expect(evaluate([...channel, 90])).toMatchObject({ direction: 'short', confidence: 1 });
  });

  it('is flat inside the channel', () => {
    const signal = evaluate([...channel, 100.5]);
    expect(signal).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(signal.reason).toBe('close 100.5 inside the 20-bar channel 99.9–101.1');
  });

  it('is fully confident on any break of a channel with no range', () => {
    const bars = barsFromCloses([...Array<number>(20).fill(100), 100.5], 0);
    const signal = strategy.evaluate(contextOf(bars), defaults);
    expect(signal).toMatchObject({ direction: 'long', confidence: 1 });
    expect(signal.reason).toContain('channel had no range');
  });

  it('forgets highs older than the lookback', () => {
    const bars = [...barsFromCloses([150]), ...barsFromCloses([...channel, 101.7])];
    expect(strategy.evaluate(contextOf(bars), defaults).direction).toBe('long');
  });

  it('is flat with confidence 0 on too few bars', () => {
    expect(evaluate([...channel.slice(1), 110])).toEqual({
      direction: 'flat',
      confidence: 0,
      reason: 'not enough bars (have 20, need 21)',
    });
  });

  it('is flat on a NaN price in the channel or the latest bar', () => {
    const broken = [...channel];
    broken[5] = NaN;
    expect(evaluate([...broken, 110])).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(evaluate([...channel, NaN])).toMatchObject({ direction: 'flat', confidence: 0 });
  });

  it('honours a custom lookback', () => {
    const signal = evaluate([100, 101, 100, 101, 100, 101.5], { lookback: 5 });
    expect(signal.direction).toBe('long');
    expect(signal.reason).toContain('5-bar high');
  });
});

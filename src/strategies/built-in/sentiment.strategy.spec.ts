import type { SentimentSnapshot } from '../strategy.interface';
import { sentimentMomentumStrategy as strategy } from './sentiment.strategy';
import { contextFromCloses, ramp } from './testing/bars-from-closes';

const defaults = strategy.defaultParameters;
const rising = ramp(100, 102, 11);
const falling = ramp(102, 100, 11);

function evaluate(closes: readonly number[], sentiment?: SentimentSnapshot, parameters = defaults) {
  return strategy.evaluate(contextFromCloses(closes, { sentiment }), parameters);
}

describe('sentiment-momentum', () => {
  it('declares that it uses sentiment and needs momentumPeriod + 1 bars', () => {
    expect(strategy.usesSentiment).toBe(true);
    expect(strategy.requiredBars(defaults)).toBe(11);
  });

  it('is long on bullish sentiment with rising prices, as confident as the score', () => {
    const signal = evaluate(rising, { score: 0.6, divergence: false });
    expect(signal).toMatchObject({ direction: 'long', confidence: 0.6, horizonMinutes: 60 });
    expect(signal.reason).toBe('sentiment 0.6 at or beyond ±0.3, 10-bar momentum 2%');
  });

  it('is long at exactly the threshold', () => {
    expect(evaluate(rising, { score: 0.3, divergence: false })).toMatchObject({
      direction: 'long',
      confidence: 0.3,
    });
  });

  it('halves confidence and says so when providers diverge', () => {
    const signal = evaluate(rising, { score: 0.6, divergence: true });
    expect(signal).toMatchObject({ direction: 'long', confidence: 0.3 });
    expect(signal.reason).toContain('providers diverge, confidence halved');
  });

  it('is short on bearish sentiment with falling prices', () => {
    const signal = evaluate(falling, { score: -0.8, divergence: false });
    expect(signal.direction).toBe('short');
    expect(signal.confidence).toBeCloseTo(0.8, 10);
    expect(signal.reason).toContain('momentum -1.96%');
  });

  it('is flat when the score is within the threshold', () => {
    const signal = evaluate(rising, { score: 0.29, divergence: false });
    expect(signal).toEqual({
      direction: 'flat',
      confidence: 0,
      reason: 'sentiment 0.29 within ±0.3',
    });
    expect(evaluate(falling, { score: -0.1, divergence: true }).direction).toBe('flat');
  });

  it('is flat when price momentum disagrees or is nil', () => {
    const against = evaluate(falling, { score: 0.9, divergence: false });
    expect(against).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(against.reason).toContain('is long but 10-bar momentum -1.96% disagrees');
    const still = evaluate(Array<number>(11).fill(100), { score: -0.9, divergence: false });
    expect(still).toMatchObject({ direction: 'flat', confidence: 0 });
  });

  it('is flat without sentiment or with a score that is not a number', () => {
    expect(evaluate(rising)).toEqual({ direction: 'flat', confidence: 0, reason: 'no sentiment' });
    expect(evaluate(rising, { score: NaN, divergence: false })).toMatchObject({
      direction: 'flat',
      confidence: 0,
    });
  });

  it('clamps an out-of-range score to full confidence', () => {
    expect(evaluate(rising, { score: 1.7, divergence: false })).toMatchObject({
      direction: 'long',
      confidence: 1,
    });
  });

  it('is flat with confidence 0 on too few bars', () => {
    expect(evaluate(rising.slice(1), { score: 0.9, divergence: false })).toEqual({
      direction: 'flat',
      confidence: 0,
      reason: 'not enough bars (have 10, need 11)',
    });
  });

  it('honours a custom threshold and momentum period', () => {
    const parameters = { threshold: 0.5, momentumPeriod: 3 };
    expect(
      evaluate([100, 99, 98, 99, 100], { score: 0.4, divergence: false }, parameters),
    ).toMatchObject({ direction: 'flat' });
    const signal = evaluate([100, 99, 98, 99, 100], { score: 0.55, divergence: false }, parameters);
    expect(signal.direction).toBe('long');
    expect(signal.reason).toContain('3-bar momentum 1.01%');
  });
});

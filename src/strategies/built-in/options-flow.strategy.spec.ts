import type { OptionsFlowSnapshot } from '../strategy.interface';
import { optionsFlowStrategy as strategy } from './options-flow.strategy';
import { contextOf } from './testing/bars-from-closes';

const defaults = strategy.defaultParameters;

function flow(putCallRatio: number, unusual = true): OptionsFlowSnapshot {
  return { callPremium: 1_000_000, putPremium: 1_000_000 * putCallRatio, putCallRatio, unusual };
}

function evaluate(optionsFlow?: OptionsFlowSnapshot, parameters = defaults) {
  return strategy.evaluate(contextOf([], { optionsFlow }), parameters);
}

describe('options-flow', () => {
  it('declares that it uses options flow and needs no bars', () => {
    expect(strategy.usesOptionsFlow).toBe(true);
    expect(strategy.requiredBars(defaults)).toBe(0);
  });

  it('is long on unusual flow with a low put/call ratio, by log2(0.7 / ratio)', () => {
    const signal = evaluate(flow(0.5));
    expect(signal.direction).toBe('long');
    expect(signal.confidence).toBeCloseTo(Math.log2(0.7 / 0.5), 10);
    expect(signal.confidence).toBeGreaterThan(0.4);
    expect(signal.confidence).toBeLessThan(0.55);
    expect(signal.horizonMinutes).toBe(390);
    expect(signal.reason).toBe('unusual options flow, put/call 0.5 at or below 0.7');
  });

  it('is short on unusual flow with a high put/call ratio, by log2(ratio / 1.3)', () => {
    const signal = evaluate(flow(2));
    expect(signal.direction).toBe('short');
    expect(signal.confidence).toBeCloseTo(Math.log2(2 / 1.3), 10);
    expect(signal.reason).toContain('at or above 1.3');
  });

  it('is fully confident once the ratio is twice past the threshold, or one side is empty', () => {
    expect(evaluate(flow(0.35))).toMatchObject({ direction: 'long', confidence: 1 });
    expect(evaluate(flow(0))).toMatchObject({ direction: 'long', confidence: 1 });
    expect(evaluate(flow(2.6))).toMatchObject({ direction: 'short', confidence: 1 });
    expect(evaluate(flow(Infinity))).toMatchObject({ direction: 'short', confidence: 1 });
  });

  it('is long with confidence 0 exactly at the threshold', () => {
    expect(evaluate(flow(0.7))).toMatchObject({ direction: 'long', confidence: 0 });
  });

  it('is flat on unusual flow with a ratio between the thresholds', () => {
    const signal = evaluate(flow(1));
    expect(signal).toEqual({
      direction: 'flat',
      confidence: 0,
      reason: 'unusual options flow, put/call 1 between 0.7 and 1.3',
    });
  });

  it('is flat on usual flow, however lopsided', () => {
    expect(evaluate(flow(0.1, false))).toEqual({
      direction: 'flat',
      confidence: 0,
      reason: 'options flow not unusual (put/call 0.1)',
    });
    expect(evaluate(flow(5, false)).direction).toBe('flat');
  });

  it('is flat without options flow or with a ratio that is not a number', () => {
    expect(evaluate()).toEqual({ direction: 'flat', confidence: 0, reason: 'no options flow' });
    expect(evaluate(flow(NaN))).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(evaluate(flow(-1))).toMatchObject({ direction: 'flat', confidence: 0 });
  });

  it('honours custom ratios and rejects crossed ones', () => {
    expect(evaluate(flow(0.9), { bullishRatio: 0.95, bearishRatio: 1.5 }).direction).toBe('long');
    const crossed = evaluate(flow(0.9), { bullishRatio: 1, bearishRatio: 1 });
    expect(crossed).toMatchObject({ direction: 'flat', confidence: 0 });
    expect(crossed.reason).toContain('bullishRatio must be below bearishRatio');
  });
});

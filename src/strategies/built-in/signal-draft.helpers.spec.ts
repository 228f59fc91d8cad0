import {
  clampConfidence,
  directionOf,
  parameterProblem,
  percent,
  rejectInputs,
  round,
} from './signal-draft.helpers';
import { barsFromCloses } from './testing/bars-from-closes';

describe('signal-draft helpers', () => {
  it('clamps confidence into [0, 1] and turns NaN into 0', () => {
    expect([-1, 0.25, 3, NaN, Infinity, -Infinity].map(clampConfidence)).toEqual([
      0, 0.25, 1, 0, 1, 0,
    ]);
  });

  it('rounds and formats', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.25, 1)).toBe(1.3);
    expect(percent(0.012345)).toBe('1.23%');
  });

  it('reads a direction from a sign, flat within the tolerance', () => {
    expect([1, -1, 0, 1e-12, NaN].map((value) => directionOf(value, 1e-9))).toEqual([
      'long',
      'short',
      'flat',
      'flat',
      'flat',
    ]);
  });

  it('names the first parameter outside its range', () => {
    const ranges = { period: { min: 2, max: 10, integer: true }, level: { min: 0, max: 1 } };
    expect(parameterProblem({ period: 5, level: 0.5 }, ranges)).toBeUndefined();
    expect(parameterProblem({ period: 5.5, level: 0.5 }, ranges)).toBe(
      'invalid parameter period=5.5 (expected an integer in [2, 10])',
    );
    expect(parameterProblem({ period: 5, level: NaN }, ranges)).toBe(
      'invalid parameter level=NaN (expected a number in [0, 1])',
    );
  });

  it('rejects non-positive prices only in the bars read', () => {
    const ranges = { period: { min: 1, max: 10 } };
    const bars = barsFromCloses([0, 1, 2, 3]);
    const check = { parameters: { period: 2 }, ranges, bars, requiredBars: 2 };
    expect(rejectInputs(check)).toBeUndefined();
    expect(rejectInputs({ ...check, requiredBars: 4 })?.reason).toContain('bad bar data');
    expect(rejectInputs({ ...check, requiredBars: 5 })?.reason).toBe(
      'not enough bars (have 4, need 5)',
    );
  });
});

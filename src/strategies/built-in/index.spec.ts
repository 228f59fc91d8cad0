import type { Bar } from '../../market-data/market-data.types';
import { SIGNAL_DIRECTIONS, type SignalDraft, type StrategyContext } from '../strategy.interface';
import { BUILT_IN_STRATEGIES } from './index';
import { parameterProblem } from './signal-draft.helpers';
import { barsFromCloses, contextOf } from './testing/bars-from-closes';

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

function randomWalk(next: () => number, count: number): number[] {
  const closes = [100];
  while (closes.length < count) closes.push(closes[closes.length - 1] * (0.98 + next() * 0.04));
  return closes;
}

function randomContext(next: () => number, bars: readonly Bar[]): StrategyContext {
  const ratio = next() * 3;
  return contextOf(bars, {
    sentiment: { score: next() * 2 - 1, divergence: next() < 0.5 },
    optionsFlow: { callPremium: 1, putPremium: ratio, putCallRatio: ratio, unusual: next() < 0.7 },
  });
}

function expectWellFormed(signal: SignalDraft): void {
  expect(SIGNAL_DIRECTIONS).toContain(signal.direction);
  expect(Number.isFinite(signal.confidence)).toBe(true);
  expect(signal.confidence).toBeGreaterThanOrEqual(0);
  expect(signal.confidence).toBeLessThanOrEqual(1);
  expect(signal.reason.length).toBeGreaterThan(0);
  if (signal.direction === 'flat') expect(signal.confidence).toBe(0);
  else expect(signal.horizonMinutes).toBeGreaterThan(0);
}

describe('BUILT_IN_STRATEGIES', () => {
  it('holds the five strategies under stable kebab-case names', () => {
    expect(BUILT_IN_STRATEGIES.map((strategy) => strategy.name)).toEqual([
      'sma-crossover',
      'rsi-mean-reversion',
      'breakout',
      'sentiment-momentum',
      'options-flow',
    ]);
  });

  describe.each(BUILT_IN_STRATEGIES.map((strategy) => [strategy.name, strategy] as const))(
    '%s',
    (_, strategy) => {
      const defaults = strategy.defaultParameters;

      it('has a range for exactly its parameters, and defaults within them', () => {
        expect(Object.keys(strategy.parameterRanges).sort()).toEqual(Object.keys(defaults).sort());
        expect(parameterProblem(defaults, strategy.parameterRanges)).toBeUndefined();
        expect(strategy.description.length).toBeGreaterThan(20);
      });

      it('answers flat with confidence 0 on one bar too few', () => {
        const need = strategy.requiredBars(defaults);
        if (need === 0) return;
        const context = randomContext(
          sequence(1),
          barsFromCloses(randomWalk(sequence(2), need - 1)),
        );
        expect(strategy.evaluate(context, defaults)).toEqual({
          direction: 'flat',
          confidence: 0,
          reason: `not enough bars (have ${need - 1}, need ${need})`,
        });
      });

      it('gives well-formed, repeatable answers on random walks without touching its input', () => {
        const next = sequence(42);
        for (let run = 0; run < 200; run += 1) {
          const bars = Object.freeze(barsFromCloses(randomWalk(next, 5 + Math.floor(next() * 60))));
          const context = Object.freeze(randomContext(next, bars));
          const signal = strategy.evaluate(context, defaults);
          expectWellFormed(signal);
          expect(strategy.evaluate(context, defaults)).toEqual(signal);
        }
      });

      it('never yields a NaN confidence from bad prices or bad parameters', () => {
        const closes = randomWalk(sequence(7), 200);
        closes[150] = NaN;
        closes[199] = -Infinity;
        const context = randomContext(sequence(8), barsFromCloses(closes));
        expectWellFormed(strategy.evaluate(context, defaults));
        const broken = Object.fromEntries(Object.keys(defaults).map((key) => [key, NaN]));
        const signal = strategy.evaluate(context, broken as typeof defaults);
        expect(signal).toMatchObject({ direction: 'flat', confidence: 0 });
        expect(signal.reason).toContain('invalid parameter');
      });
    },
  );
});

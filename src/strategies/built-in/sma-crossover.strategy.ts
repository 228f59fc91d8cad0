import { SMA } from 'trading-signals';
import type {
  SignalDirection,
  SignalDraft,
  Strategy,
  StrategyContext,
} from '../strategy.interface';
import {
  clampConfidence,
  closesOf,
  directionOf,
  flat,
  lastBars,
  percent,
  RELATIVE_EPSILON,
  rejectInputs,
  round,
  type ParameterRanges,
} from './signal-draft.helpers';

export type SmaCrossoverParameters = {
  /** Bars in the fast SMA; below slowPeriod. Default 10. */
  fastPeriod: number;
  /** Bars in the slow SMA. Default 30. */
  slowPeriod: number;
};

/** Base confidence when the fast SMA crossed the slow one on the latest bar. */
const FRESH_CROSS_CONFIDENCE = 0.6;
/** Base confidence when the fast SMA was already on the same side one bar earlier. */
const STANDING_CONFIDENCE = 0.3;
/** Confidence the fast/slow gap adds once it reaches FULL_GAP. */
const GAP_CONFIDENCE = 0.4;
/** Relative gap (fast - slow) / slow at which the gap adds all of GAP_CONFIDENCE. */
const FULL_GAP = 0.01;

const parameterRanges: ParameterRanges<SmaCrossoverParameters> = {
  fastPeriod: { min: 2, max: 200, integer: true },
  slowPeriod: { min: 3, max: 500, integer: true },
};

function requiredBars(parameters: SmaCrossoverParameters): number {
  return parameters.slowPeriod + 1;
}

function previousAndLatest(period: number, closes: readonly number[]): [number, number] {
  const results = new SMA(period).updates(closes, false);
  return [results.at(-2) ?? NaN, results.at(-1) ?? NaN];
}

function relativeGap(fast: number, slow: number): number {
  return (fast - slow) / slow;
}

function crossConfidence(gap: number, fresh: boolean): number {
  const base = fresh ? FRESH_CROSS_CONFIDENCE : STANDING_CONFIDENCE;
  return clampConfidence(base + GAP_CONFIDENCE * Math.min(1, Math.abs(gap) / FULL_GAP));
}

function describe(direction: SignalDirection, fresh: boolean): string {
  const side = direction === 'long' ? 'above' : 'below';
  return fresh ? `crossed ${side}` : `is ${side}`;
}

function evaluate({ bars }: StrategyContext, parameters: SmaCrossoverParameters): SignalDraft {
  const { fastPeriod, slowPeriod } = parameters;
  const rejected = rejectInputs({
    parameters,
    ranges: parameterRanges,
    constraintProblem:
      fastPeriod < slowPeriod
        ? undefined
        : 'invalid parameters: fastPeriod must be below slowPeriod',
    bars,
    requiredBars: requiredBars(parameters),
  });
  if (rejected) return rejected;

  const closes = closesOf(lastBars(bars, requiredBars(parameters)));
  const [previousFast, fast] = previousAndLatest(fastPeriod, closes);
  const [previousSlow, slow] = previousAndLatest(slowPeriod, closes);
  const gap = relativeGap(fast, slow);
  const direction = directionOf(gap, RELATIVE_EPSILON);
  const smas = `fast SMA(${fastPeriod}) ${round(fast)}`;
  if (direction === 'flat') return flat(`${smas} equals slow SMA(${slowPeriod}) ${round(slow)}`);

  const fresh =
    directionOf(relativeGap(previousFast, previousSlow), RELATIVE_EPSILON) !== direction;
  return {
    direction,
    confidence: crossConfidence(gap, fresh),
    horizonMinutes: slowPeriod,
    reason: `${smas} ${describe(direction, fresh)} slow SMA(${slowPeriod}) ${round(slow)} (gap ${percent(gap)})`,
  };
}

/**
 * Direction from the fast SMA against the slow SMA on the latest bar (long above, short below,
 * flat when equal). Confidence: 0.6 on a fresh cross (the relation changed on the latest bar),
 * 0.3 when it already held, plus up to 0.4 growing linearly with |fast - slow| / slow up to 1 %.
 */
export const smaCrossoverStrategy: Strategy<SmaCrossoverParameters> = {
  name: 'sma-crossover',
  description:
    'Fast/slow simple moving average crossover: long while the fast SMA is above the slow one, ' +
    'short while below; more confident on a fresh cross and as the gap widens.',
  defaultParameters: { fastPeriod: 10, slowPeriod: 30 },
  parameterRanges,
  requiredBars,
  evaluate,
};

import type { Bar } from '../../market-data/market-data.types';
import type {
  ParameterRange,
  SignalDirection,
  SignalDraft,
  StrategyParameters,
} from '../strategy.interface';

/** Relative differences smaller than this are treated as equal (float noise). */
export const RELATIVE_EPSILON = 1e-9;

export type ParameterRanges<P extends StrategyParameters> = {
  readonly [K in keyof P]: ParameterRange;
};

export function flat(reason: string): SignalDraft {
  return { direction: 'flat', confidence: 0, reason };
}

/** Clamps to [0, 1]; NaN becomes 0. */
export function clampConfidence(value: number): number {
  return Number.isNaN(value) ? 0 : Math.min(1, Math.max(0, value));
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function percent(ratio: number): string {
  return `${round(ratio * 100)}%`;
}

/** long for a positive value, short for a negative one, flat within ±epsilon. */
export function directionOf(value: number, epsilon = 0): SignalDirection {
  if (value > epsilon) return 'long';
  if (value < -epsilon) return 'short';
  return 'flat';
}

export function lastBars(bars: readonly Bar[], count: number): readonly Bar[] {
  return count > 0 ? bars.slice(-count) : [];
}

export function closesOf(bars: readonly Bar[]): number[] {
  return bars.map((bar) => bar.close);
}

/** The indicator's latest result, or NaN when it has none yet. */
export function latest(results: readonly (number | null)[]): number {
  return results.at(-1) ?? NaN;
}

/** The reason the parameters are unusable, or undefined when they are fine. */
export function parameterProblem<P extends StrategyParameters>(
  parameters: P,
  ranges: ParameterRanges<P>,
): string | undefined {
  for (const key of Object.keys(ranges) as (keyof P & string)[]) {
    const value = parameters[key];
    const range = ranges[key];
    if (!isWithin(value, range)) {
      return `invalid parameter ${key}=${String(value)} (expected ${describeRange(range)})`;
    }
  }
  return undefined;
}

function isWithin(value: unknown, { min, max, integer }: ParameterRange): boolean {
  if (typeof value !== 'number' || !(value >= min && value <= max)) return false;
  return !integer || Number.isInteger(value);
}

function describeRange({ min, max, integer }: ParameterRange): string {
  return `${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`;
}

function hasUsablePrices(bar: Bar): boolean {
  return [bar.high, bar.low, bar.close].every((price) => Number.isFinite(price) && price > 0);
}

export interface InputCheck<P extends StrategyParameters> {
  parameters: P;
  ranges: ParameterRanges<P>;
  /** A cross-parameter rule that failed (e.g. fast period not below slow), if any. */
  constraintProblem?: string;
  bars: readonly Bar[];
  requiredBars: number;
  /** The bars the strategy reads (default: the last requiredBars); all need usable prices. */
  window?: readonly Bar[];
}

/** A flat answer when the inputs cannot give a view, or undefined when they can. */
export function rejectInputs<P extends StrategyParameters>(
  check: InputCheck<P>,
): SignalDraft | undefined {
  const problem = parameterProblem(check.parameters, check.ranges) ?? check.constraintProblem;
  if (problem) return flat(problem);
  const { bars, requiredBars } = check;
  if (bars.length < requiredBars) {
    return flat(`not enough bars (have ${bars.length}, need ${requiredBars})`);
  }
  const window = check.window ?? lastBars(bars, requiredBars);
  if (!window.every(hasUsablePrices)) {
    return flat(
      `bad bar data: a non-finite or non-positive price in the last ${window.length} bars`,
    );
  }
  return undefined;
}

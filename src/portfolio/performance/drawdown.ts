import { type ExactDecimal, toMoneyString } from './exact-decimal';
import type { ParsedEquityPoint } from './equity-curve';
import type { MaxDrawdown } from './performance.types';

interface DeepestDrawdown {
  peak: ParsedEquityPoint;
  troughIndex: number;
  fraction: ExactDecimal;
}

/**
 * The largest (P_t − E_t) / P_t over the curve (sorted by time), P_t the running peak: the
 * highest equity up to t, dated at the first point that reached it. The first of equal depths
 * wins. Points while the running peak is ≤ 0 are skipped. null when equity never dips.
 */
export function maxDrawdown(curve: readonly ParsedEquityPoint[]): MaxDrawdown | null {
  const deepest = findDeepestDrawdown(curve);
  if (deepest === null) return null;
  const trough = curve[deepest.troughIndex];
  const recovery = curve
    .slice(deepest.troughIndex + 1)
    .find((point) => point.equity.greaterThanOrEqualTo(deepest.peak.equity));
  return describeDrawdown(deepest.peak, trough, deepest.fraction, recovery);
}

/** The report of the drawdown from `peak` to `trough`, recovered at `recovery` (if ever). */
export function describeDrawdown(
  peak: ParsedEquityPoint,
  trough: ParsedEquityPoint,
  fraction: ExactDecimal,
  recovery: ParsedEquityPoint | undefined,
): MaxDrawdown {
  return {
    fraction: fraction.toNumber(),
    peakEquity: toMoneyString(peak.equity),
    troughEquity: toMoneyString(trough.equity),
    peakAt: peak.time,
    troughAt: trough.time,
    recoveredAt: recovery?.time ?? null,
    recoveryTime: recovery ? recovery.time.getTime() - trough.time.getTime() : null,
  };
}

/** (P − E_last) / P with P the highest equity of the curve; null without points or if P ≤ 0. */
export function currentDrawdown(curve: readonly ParsedEquityPoint[]): number | null {
  if (curve.length === 0) return null;
  const peak = curve.reduce(
    (high, point) => (point.equity.greaterThan(high) ? point.equity : high),
    curve[0].equity,
  );
  return drawdownFraction(peak, curve[curve.length - 1].equity)?.toNumber() ?? null;
}

function findDeepestDrawdown(curve: readonly ParsedEquityPoint[]): DeepestDrawdown | null {
  let deepest: DeepestDrawdown | null = null;
  let peak: ParsedEquityPoint | null = null;
  for (const [index, point] of curve.entries()) {
    if (peak === null || point.equity.greaterThan(peak.equity)) {
      peak = point;
      continue;
    }
    const fraction = drawdownFraction(peak.equity, point.equity);
    if (fraction !== null && fraction.greaterThan(deepest?.fraction ?? 0)) {
      deepest = { peak, troughIndex: index, fraction };
    }
  }
  return deepest;
}

export function drawdownFraction(peak: ExactDecimal, equity: ExactDecimal): ExactDecimal | null {
  return peak.greaterThan(0) ? peak.minus(equity).div(peak) : null;
}

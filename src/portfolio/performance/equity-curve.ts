import { type ExactDecimal, parseDecimal } from './exact-decimal';
import type { EquityPoint } from './performance.types';
import { assertValidDate } from './utc-calendar';

export interface ParsedEquityPoint {
  time: Date;
  equity: ExactDecimal;
}

/** Validates and parses the curve, oldest first; points at the same instant keep their order. */
export function parseEquityCurve(curve: readonly EquityPoint[]): ParsedEquityPoint[] {
  return curve
    .map((point, index) => {
      assertValidDate(point.time, `equityCurve[${index}].time`);
      return {
        time: point.time,
        equity: parseDecimal(point.equity, `equityCurve[${index}].equity`),
      };
    })
    .sort((a, b) => a.time.getTime() - b.time.getTime());
}

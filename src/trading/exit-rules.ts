import Decimal from 'decimal.js';

export type ExitType = 'stop_loss' | 'take_profit' | 'trailing_stop';

export interface ExitRules {
  stopLossPct: number;
  takeProfitPct: number;
  trailingStopPct: number;
}

/**
 * The exit a long position has reached, if any: stop-loss and take-profit against the average
 * cost, the trailing stop against the highest price seen since the position opened.
 */
export function exitFor(
  averageCost: Decimal,
  highest: Decimal,
  last: Decimal,
  rules: ExitRules,
): ExitType | undefined {
  const below = (pct: number) => new Decimal(1).minus(pct);
  if (last.lte(averageCost.times(below(rules.stopLossPct)))) return 'stop_loss';
  if (last.gte(averageCost.times(new Decimal(1).plus(rules.takeProfitPct)))) return 'take_profit';
  if (highest.gt(averageCost) && last.lte(highest.times(below(rules.trailingStopPct))))
    return 'trailing_stop';
  return undefined;
}

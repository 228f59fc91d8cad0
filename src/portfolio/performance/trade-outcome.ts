import type { ExactDecimal } from './exact-decimal';

export type TradeOutcome = 'win' | 'loss' | 'breakeven';

/** win: P/L > 0, loss: P/L < 0, breakeven: P/L = 0 (exactly, before any rounding). */
export function tradeOutcome(realizedPnl: ExactDecimal): TradeOutcome {
  if (realizedPnl.isZero()) return 'breakeven';
  return realizedPnl.isPositive() ? 'win' : 'loss';
}

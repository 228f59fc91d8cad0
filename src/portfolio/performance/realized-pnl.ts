import { parseDecimal } from './exact-decimal';
import type { ClosedTrade } from './performance.types';

/**
 * What `realizedPnl` should be, exactly (unrounded):
 * long (exit − entry) × quantity − fees; short (entry − exit) × quantity − fees.
 * The statistics trust the caller's `realizedPnl`; this is for callers who want to check it.
 */
export function expectedRealizedPnl(
  trade: Pick<ClosedTrade, 'side' | 'quantity' | 'entryPrice' | 'exitPrice' | 'fees'>,
): string {
  const entry = parseDecimal(trade.entryPrice, 'entryPrice');
  const exit = parseDecimal(trade.exitPrice, 'exitPrice');
  const priceMove = trade.side === 'long' ? exit.minus(entry) : entry.minus(exit);
  return priceMove
    .times(parseDecimal(trade.quantity, 'quantity'))
    .minus(parseDecimal(trade.fees, 'fees'))
    .toFixed();
}

import { type ExactDecimal, parseDecimal, sumDecimals, toMoneyString } from './exact-decimal';
import type { ClosedTrade, TradeHighlight, TradeStatistics } from './performance.types';
import { dailyPnl, monthlyPnl } from './pnl-buckets';
import { computeStreaks } from './streaks';
import { type TradeOutcome, tradeOutcome } from './trade-outcome';
import { tradeFrequency } from './trade-frequency';
import { assertValidDate } from './utc-calendar';

interface ScoredTrade {
  trade: ClosedTrade;
  closedAt: Date;
  pnl: ExactDecimal;
  outcome: TradeOutcome;
}

/** Statistics over closed trades; see docs/PERFORMANCE_STATISTICS.md for every formula. */
export function computeTradeStatistics(trades: readonly ClosedTrade[], now: Date): TradeStatistics {
  assertValidDate(now, 'now');
  const scored = inClosingOrder(trades.map(scoreTrade));
  const winners = scored.filter((trade) => trade.outcome === 'win');
  const losers = scored.filter((trade) => trade.outcome === 'loss');
  const grossProfit = sumDecimals(winners.map((trade) => trade.pnl));
  const grossLoss = sumDecimals(losers.map((trade) => trade.pnl)).abs();
  const total = sumDecimals(scored.map((trade) => trade.pnl));
  const decided = winners.length + losers.length;
  return {
    tradeCount: scored.length,
    wins: winners.length,
    losses: losers.length,
    breakeven: scored.length - decided,
    winRate: decided === 0 ? null : winners.length / decided,
    averageWin: meanOrNull(grossProfit, winners.length),
    averageLoss: meanOrNull(grossLoss, losers.length),
    bestTrade: highlight(mostExtreme(winners, (a, b) => a.greaterThan(b))),
    worstTrade: highlight(mostExtreme(losers, (a, b) => a.lessThan(b))),
    profitFactor: losers.length === 0 ? null : grossProfit.div(grossLoss).toNumber(),
    expectancy: meanOrNull(total, scored.length),
    ...computeStreaks(scored.map((trade) => trade.outcome)),
    totalRealizedPnl: toMoneyString(total),
    dailyPnl: dailyPnl(scored),
    monthlyPnl: monthlyPnl(scored),
    ...tradeFrequency(
      scored.map((trade) => trade.closedAt),
      now,
    ),
  };
}

function scoreTrade(trade: ClosedTrade, index: number): ScoredTrade {
  assertValidDate(trade.closedAt, `trades[${index}].closedAt`);
  const pnl = parseDecimal(trade.realizedPnl, `trades[${index}].realizedPnl`);
  return { trade, closedAt: trade.closedAt, pnl, outcome: tradeOutcome(pnl) };
}

/** Oldest `closedAt` first; trades closed at the same instant keep their input order. */
function inClosingOrder(trades: ScoredTrade[]): ScoredTrade[] {
  return [...trades].sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
}

export function meanOrNull(sum: ExactDecimal, count: number): string | null {
  return count === 0 ? null : toMoneyString(sum.div(count));
}

/** The first trade (in closing order) that no later trade beats. */
function mostExtreme(
  trades: readonly ScoredTrade[],
  beats: (candidate: ExactDecimal, current: ExactDecimal) => boolean,
): ScoredTrade | null {
  return trades.reduce<ScoredTrade | null>(
    (best, trade) => (best === null || beats(trade.pnl, best.pnl) ? trade : best),
    null,
  );
}

function highlight(scored: ScoredTrade | null): TradeHighlight | null {
  if (scored === null) return null;
  const { symbol, strategy, closedAt } = scored.trade;
  return tradeHighlight(symbol, strategy, scored.pnl, closedAt);
}

export function tradeHighlight(
  symbol: string,
  strategy: string | null,
  pnl: ExactDecimal,
  closedAt: Date,
): TradeHighlight {
  return { symbol, strategy, realizedPnl: toMoneyString(pnl), closedAt };
}

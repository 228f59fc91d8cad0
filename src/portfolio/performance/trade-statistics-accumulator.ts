import { ClosingOrder, RunningStreaks } from './closing-order';
import { ExactDecimal, toMoneyString } from './exact-decimal';
import type {
  DailyPnl,
  MonthlyPnl,
  Streaks,
  TradeFrequency,
  TradeHighlight,
  TradeStatistics,
} from './performance.types';
import { PnlBucketSums } from './pnl-bucket-sums';
import { NO_TRADES, tradeFrequencyOver } from './trade-frequency';
import type { TradeOutcome } from './trade-outcome';
import { meanOrNull, tradeHighlight } from './trade-statistics';
import { assertValidDate } from './utc-calendar';

/** A closed trade, parsed once and added to each scope it belongs to. */
export interface KeptTrade {
  id: number;
  symbol: string;
  strategy: string | null;
  pnl: ExactDecimal;
  outcome: TradeOutcome;
  closedAt: Date;
  closedAtMs: number;
  /** UTC 'YYYY-MM-DD' and 'YYYY-MM' of `closedAt`. */
  day: string;
  month: string;
}

type TradeSummary = Omit<TradeStatistics, keyof TradeFrequency>;

/**
 * `computeTradeStatistics` kept up to date one trade at a time, in any order. Everything but the
 * streaks is a sum, a count, an extreme or a bucket, updated in place whatever the order; the
 * streaks follow the closing order, so a trade closing before one already added makes them be
 * counted again from the kept outcomes (once, on the next read). Sums are exact (50 significant
 * digits hold any sum of 2-dp money), so their order does not change them.
 */
export class TradeStatisticsAccumulator {
  private count = 0;
  private wins = 0;
  private losses = 0;
  private grossProfit = new ExactDecimal(0);
  private lossesSum = new ExactDecimal(0);
  private total = new ExactDecimal(0);
  private best: KeptTrade | null = null;
  private worst: KeptTrade | null = null;
  private readonly daily = new PnlBucketSums((date, pnl): DailyPnl => ({ date, pnl }));
  private readonly monthly = new PnlBucketSums((month, pnl): MonthlyPnl => ({ month, pnl }));
  private firstClosedAtMs = Infinity;
  private lastClosedAtMs = -Infinity;
  private readonly closingOrder = new ClosingOrder();
  private streaks = new RunningStreaks();
  private streaksNeedRecount = false;
  private summary: TradeSummary | null = null;

  add(trade: KeptTrade): void {
    this.summary = null;
    this.count += 1;
    this.total = this.total.plus(trade.pnl);
    if (trade.outcome === 'win') this.addWin(trade);
    if (trade.outcome === 'loss') this.addLoss(trade);
    this.daily.add(trade.day, trade.pnl);
    this.monthly.add(trade.month, trade.pnl);
    this.firstClosedAtMs = Math.min(this.firstClosedAtMs, trade.closedAtMs);
    this.lastClosedAtMs = Math.max(this.lastClosedAtMs, trade.closedAtMs);
    const inOrder = this.closingOrder.insert(trade.closedAtMs, trade.id, trade.outcome);
    if (!inOrder) this.streaksNeedRecount = true;
    else if (!this.streaksNeedRecount) this.streaks.add(trade.outcome);
  }

  /** The same object `computeTradeStatistics` returns for this scope's trades. */
  statistics(now: Date): TradeStatistics {
    assertValidDate(now, 'now');
    return { ...this.summarize(), ...this.frequency(now) };
  }

  private addWin(trade: KeptTrade): void {
    this.wins += 1;
    this.grossProfit = this.grossProfit.plus(trade.pnl);
    if (this.best === null || outranks(trade, this.best, trade.pnl.comparedTo(this.best.pnl))) {
      this.best = trade;
    }
  }

  private addLoss(trade: KeptTrade): void {
    this.losses += 1;
    this.lossesSum = this.lossesSum.plus(trade.pnl);
    if (this.worst === null || outranks(trade, this.worst, this.worst.pnl.comparedTo(trade.pnl))) {
      this.worst = trade;
    }
  }

  private summarize(): TradeSummary {
    if (this.summary !== null) return this.summary;
    const grossLoss = this.lossesSum.abs();
    const decided = this.wins + this.losses;
    this.summary = {
      tradeCount: this.count,
      wins: this.wins,
      losses: this.losses,
      breakeven: this.count - decided,
      winRate: decided === 0 ? null : this.wins / decided,
      averageWin: meanOrNull(this.grossProfit, this.wins),
      averageLoss: meanOrNull(grossLoss, this.losses),
      bestTrade: highlight(this.best),
      worstTrade: highlight(this.worst),
      profitFactor: this.losses === 0 ? null : this.grossProfit.div(grossLoss).toNumber(),
      expectancy: meanOrNull(this.total, this.count),
      ...this.currentStreaks(),
      totalRealizedPnl: toMoneyString(this.total),
      dailyPnl: this.daily.list(),
      monthlyPnl: this.monthly.list(),
    };
    return this.summary;
  }

  private currentStreaks(): Streaks {
    if (this.streaksNeedRecount) {
      this.streaks = RunningStreaks.over(this.closingOrder.outcomes());
      this.streaksNeedRecount = false;
    }
    return this.streaks.streaks;
  }

  private frequency(now: Date): TradeFrequency {
    if (this.count === 0) return NO_TRADES;
    const last = Math.max(this.lastClosedAtMs, now.getTime());
    return tradeFrequencyOver(this.count, new Date(this.firstClosedAtMs), new Date(last));
  }
}

/**
 * Whether `candidate` replaces `current` as the best (worst) trade, given how much better it is
 * (> 0 better, 0 equal): the first in closing order of the most extreme ones.
 */
function outranks(candidate: KeptTrade, current: KeptTrade, better: number): boolean {
  if (better !== 0) return better > 0;
  return (
    candidate.closedAtMs < current.closedAtMs ||
    (candidate.closedAtMs === current.closedAtMs && candidate.id < current.id)
  );
}

function highlight(trade: KeptTrade | null): TradeHighlight | null {
  return trade && tradeHighlight(trade.symbol, trade.strategy, trade.pnl, trade.closedAt);
}

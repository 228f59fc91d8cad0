/** One round trip (or the closed part of one). */
export interface ClosedTrade {
  /** null = manual order. */
  strategy: string | null;
  symbol: string;
  side: 'long' | 'short';
  /** Decimal string. */
  quantity: string;
  /** Decimal string. */
  entryPrice: string;
  /** Decimal string. */
  exitPrice: string;
  /** Decimal string: total fees of the trade. */
  fees: string;
  /** Decimal string, net of fees; computed by the caller (see `expectedRealizedPnl`). */
  realizedPnl: string;
  openedAt: Date;
  closedAt: Date;
}

/** An account value snapshot; the curve is oldest first. */
export interface EquityPoint {
  time: Date;
  /** Decimal string. */
  equity: string;
}

export interface StatisticsOptions {
  /** Periods per year used to annualise daily returns. Default 252. */
  periodsPerYear: number;
  /** Annual risk-free rate, converted per period as (1 + r)^(1 / periodsPerYear) − 1. Default 0. */
  riskFreeRate: number;
  /** End of the window for trades per day / week / month (inject the clock). */
  now: Date;
}

/** Options as accepted by `computePerformanceStatistics`: `now` is required, the rest default. */
export type StatisticsInput = Pick<StatisticsOptions, 'now'> & Partial<StatisticsOptions>;

/** A trade as shown in `bestTrade` / `worstTrade`; `realizedPnl` rounded to 2 dp. */
export interface TradeHighlight {
  symbol: string;
  strategy: string | null;
  realizedPnl: string;
  closedAt: Date;
}

export interface Streaks {
  currentWinStreak: number;
  currentLossStreak: number;
  longestWinStreak: number;
  longestLossStreak: number;
}

/** `date` is the UTC calendar date 'YYYY-MM-DD'; `pnl` rounded to 2 dp. */
export interface DailyPnl {
  date: string;
  pnl: string;
}

/** `month` is the UTC calendar month 'YYYY-MM'; `pnl` rounded to 2 dp. */
export interface MonthlyPnl {
  month: string;
  pnl: string;
}

export interface TradeFrequency {
  tradesPerDay: number;
  tradesPerWeek: number;
  tradesPerMonth: number;
}

/** Statistics over closed trades. Every money field is a decimal string rounded to 2 dp. */
export interface TradeStatistics extends Streaks, TradeFrequency {
  tradeCount: number;
  wins: number;
  losses: number;
  breakeven: number;
  /** wins / (wins + losses); null when there are neither. */
  winRate: number | null;
  /** Mean P/L of the winning trades (positive); null without wins. */
  averageWin: string | null;
  /** Mean magnitude of the losing trades (positive); null without losses. */
  averageLoss: string | null;
  bestTrade: TradeHighlight | null;
  worstTrade: TradeHighlight | null;
  /** gross profit / |gross loss|; null without losses. */
  profitFactor: number | null;
  /** Mean realized P/L per trade; null without trades. */
  expectancy: string | null;
  totalRealizedPnl: string;
  dailyPnl: DailyPnl[];
  monthlyPnl: MonthlyPnl[];
}

/** Return from the previous UTC day's last equity to this UTC day's last equity. */
export interface DailyReturn {
  date: string;
  return: number;
}

export interface MaxDrawdown {
  /** (peak − trough) / peak: 0.25 = 25 %. */
  fraction: number;
  peakEquity: string;
  troughEquity: string;
  peakAt: Date;
  troughAt: Date;
  /** First time after the trough that equity is ≥ the peak again; null if it never is. */
  recoveredAt: Date | null;
  /** recoveredAt − troughAt in milliseconds; null if not recovered. */
  recoveryTime: number | null;
}

export interface EquityStatistics {
  dailyReturns: DailyReturn[];
  sharpeRatio: number | null;
  sortinoRatio: number | null;
  /** null when equity never falls below its running peak. */
  maxDrawdown: MaxDrawdown | null;
  /** Fraction below the running peak at the last point; null without equity points. */
  currentDrawdown: number | null;
}

export interface PerformanceStatistics extends TradeStatistics, EquityStatistics {
  /** Trade statistics per strategy; manual orders (strategy null) under `MANUAL_STRATEGY_KEY`. */
  byStrategy: Record<string, TradeStatistics>;
}

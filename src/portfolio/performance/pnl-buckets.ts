import { type ExactDecimal, sumDecimals, toMoneyString } from './exact-decimal';
import type { DailyPnl, MonthlyPnl } from './performance.types';
import { utcDateKey, utcMonthKey } from './utc-calendar';

export interface DatedPnl {
  closedAt: Date;
  pnl: ExactDecimal;
}

/** Realized P/L summed per UTC calendar day of `closedAt`; only days with trades, oldest first. */
export function dailyPnl(trades: readonly DatedPnl[]): DailyPnl[] {
  return sumByKey(trades, (trade) => utcDateKey(trade.closedAt)).map(([date, pnl]) => ({
    date,
    pnl,
  }));
}

/** Realized P/L summed per UTC calendar month of `closedAt`; only months with trades, oldest first. */
export function monthlyPnl(trades: readonly DatedPnl[]): MonthlyPnl[] {
  return sumByKey(trades, (trade) => utcMonthKey(trade.closedAt)).map(([month, pnl]) => ({
    month,
    pnl,
  }));
}

function sumByKey(
  trades: readonly DatedPnl[],
  keyOf: (trade: DatedPnl) => string,
): [key: string, pnl: string][] {
  const groups = new Map<string, ExactDecimal[]>();
  for (const trade of trades) {
    const key = keyOf(trade);
    const pnls = groups.get(key) ?? [];
    pnls.push(trade.pnl);
    groups.set(key, pnls);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, pnls]) => [key, toMoneyString(sumDecimals(pnls))]);
}

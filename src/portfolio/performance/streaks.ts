import type { Streaks } from './performance.types';
import type { TradeOutcome } from './trade-outcome';

/**
 * Runs of consecutive wins and of consecutive losses over outcomes in closing order.
 * Any other outcome ends a run, so a breakeven trade breaks both a win and a loss streak.
 * The current streaks are the runs that end with the last trade (0 when it is not of that kind).
 */
export function computeStreaks(outcomesInClosingOrder: readonly TradeOutcome[]): Streaks {
  const wins = runLengths(outcomesInClosingOrder, 'win');
  const losses = runLengths(outcomesInClosingOrder, 'loss');
  return {
    currentWinStreak: wins.current,
    currentLossStreak: losses.current,
    longestWinStreak: wins.longest,
    longestLossStreak: losses.longest,
  };
}

function runLengths(
  outcomes: readonly TradeOutcome[],
  kind: TradeOutcome,
): { current: number; longest: number } {
  let current = 0;
  let longest = 0;
  for (const outcome of outcomes) {
    current = outcome === kind ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return { current, longest };
}

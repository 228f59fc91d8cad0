import { computeStreaks } from './streaks';
import type { TradeOutcome } from './trade-outcome';

const W: TradeOutcome = 'win';
const L: TradeOutcome = 'loss';
const B: TradeOutcome = 'breakeven';

describe('computeStreaks', () => {
  it('is all zeros without trades', () => {
    expect(computeStreaks([])).toEqual({
      currentWinStreak: 0,
      currentLossStreak: 0,
      longestWinStreak: 0,
      longestLossStreak: 0,
    });
  });

  it('counts runs: W W B W L L L W → longest win 2, longest loss 3, current win 1', () => {
    expect(computeStreaks([W, W, B, W, L, L, L, W])).toEqual({
      currentWinStreak: 1,
      currentLossStreak: 0,
      longestWinStreak: 2,
      longestLossStreak: 3,
    });
  });

  it('lets a breakeven trade break a win streak: W W W B W W → longest 3, current 2 (not 5)', () => {
    expect(computeStreaks([W, W, W, B, W, W])).toMatchObject({
      currentWinStreak: 2,
      longestWinStreak: 3,
    });
  });

  it('lets a breakeven trade break a loss streak: L L B L → longest 2, current 1', () => {
    expect(computeStreaks([L, L, B, L])).toMatchObject({
      currentLossStreak: 1,
      longestLossStreak: 2,
    });
  });

  it('has no current streak when the last trade is breakeven: W L L B', () => {
    expect(computeStreaks([W, L, L, B])).toEqual({
      currentWinStreak: 0,
      currentLossStreak: 0,
      longestWinStreak: 1,
      longestLossStreak: 2,
    });
  });

  it('counts a run that lasts to the end as both current and longest: L W W W', () => {
    expect(computeStreaks([L, W, W, W])).toEqual({
      currentWinStreak: 3,
      currentLossStreak: 0,
      longestWinStreak: 3,
      longestLossStreak: 1,
    });
  });
});

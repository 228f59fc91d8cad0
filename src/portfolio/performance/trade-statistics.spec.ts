import type { ClosedTrade } from './performance.types';
import { computeTradeStatistics } from './trade-statistics';

const NOW = new Date('2024-03-10T12:00:00Z');

function trade(
  realizedPnl: string,
  closedAt: string,
  overrides: Partial<ClosedTrade> = {},
): ClosedTrade {
  return {
    strategy: 'momentum',
    symbol: 'AAPL',
    side: 'long',
    quantity: '1',
    entryPrice: '100',
    exitPrice: '100',
    fees: '0',
    realizedPnl,
    openedAt: new Date('2024-01-01T00:00:00Z'),
    closedAt: new Date(closedAt),
    ...overrides,
  };
}

const day = (n: number): string => `2024-03-0${n}T10:00:00.000Z`;

describe('computeTradeStatistics', () => {
  describe('+100, −50, +30, −20, 0 (closed on Mar 1..5)', () => {
    const trades = [
      trade('100', day(1), { symbol: 'NVDA' }),
      trade('-50', day(2), { symbol: 'TSLA', strategy: null }),
      trade('30', day(3)),
      trade('-20', day(4)),
      trade('0', day(5)),
    ];
    const stats = computeTradeStatistics(trades, NOW);

    it('counts outcomes; the win rate ignores breakeven: 2 / (2 + 2) = 0.5', () => {
      expect(stats).toMatchObject({
        tradeCount: 5,
        wins: 2,
        losses: 2,
        breakeven: 1,
        winRate: 0.5,
      });
    });

    it('averages wins (130 / 2 = 65) and loss magnitudes (70 / 2 = 35)', () => {
      expect(stats.averageWin).toBe('65.00');
      expect(stats.averageLoss).toBe('35.00');
    });

    it('has profit factor 130 / 70 = 13/7', () => {
      expect(stats.profitFactor).toBeCloseTo(13 / 7, 15);
      expect(stats.profitFactor).toBeCloseTo(1.857142857142857, 15);
    });

    it('has expectancy 60 / 5 = 12 = (2/5)·65 − (2/5)·35 (rates over all trades)', () => {
      expect(stats.expectancy).toBe('12.00');
      expect(stats.totalRealizedPnl).toBe('60.00');
    });

    it('has no current streak after the breakeven and longest streaks of 1', () => {
      expect(stats).toMatchObject({
        currentWinStreak: 0,
        currentLossStreak: 0,
        longestWinStreak: 1,
        longestLossStreak: 1,
      });
    });

    it('names the best and the worst trade', () => {
      expect(stats.bestTrade).toEqual({
        symbol: 'NVDA',
        strategy: 'momentum',
        realizedPnl: '100.00',
        closedAt: new Date(day(1)),
      });
      expect(stats.worstTrade).toEqual({
        symbol: 'TSLA',
        strategy: null,
        realizedPnl: '-50.00',
        closedAt: new Date(day(2)),
      });
    });

    it('buckets P/L per UTC day and month', () => {
      expect(stats.dailyPnl).toEqual([
        { date: '2024-03-01', pnl: '100.00' },
        { date: '2024-03-02', pnl: '-50.00' },
        { date: '2024-03-03', pnl: '30.00' },
        { date: '2024-03-04', pnl: '-20.00' },
        { date: '2024-03-05', pnl: '0.00' },
      ]);
      expect(stats.monthlyPnl).toEqual([{ month: '2024-03', pnl: '60.00' }]);
    });

    it('averages trades over Mar 1..10 = 10 calendar days', () => {
      // per day 5/10; per week 5/(10/7) = 3.5; per month 5/max(1, 10/30.436875) = 5
      expect(stats).toMatchObject({ tradesPerDay: 0.5, tradesPerWeek: 3.5, tradesPerMonth: 5 });
    });
  });

  it('is all zeros and nulls without trades', () => {
    expect(computeTradeStatistics([], NOW)).toEqual({
      tradeCount: 0,
      wins: 0,
      losses: 0,
      breakeven: 0,
      winRate: null,
      averageWin: null,
      averageLoss: null,
      bestTrade: null,
      worstTrade: null,
      profitFactor: null,
      expectancy: null,
      currentWinStreak: 0,
      currentLossStreak: 0,
      longestWinStreak: 0,
      longestLossStreak: 0,
      totalRealizedPnl: '0.00',
      dailyPnl: [],
      monthlyPnl: [],
      tradesPerDay: 0,
      tradesPerWeek: 0,
      tradesPerMonth: 0,
    });
  });

  it('has no profit factor without losses: +10, +20, 0', () => {
    const stats = computeTradeStatistics(
      [trade('10', day(1)), trade('20', day(2)), trade('0', day(3))],
      NOW,
    );
    expect(stats).toMatchObject({
      profitFactor: null,
      winRate: 1,
      averageWin: '15.00',
      averageLoss: null,
      worstTrade: null,
      expectancy: '10.00',
      currentWinStreak: 0,
      longestWinStreak: 2,
    });
  });

  it('handles all losses: −10, −20.5 → profit factor 0, win rate 0', () => {
    const stats = computeTradeStatistics([trade('-10', day(1)), trade('-20.5', day(2))], NOW);
    expect(stats).toMatchObject({
      wins: 0,
      losses: 2,
      winRate: 0,
      profitFactor: 0,
      averageWin: null,
      averageLoss: '15.25',
      expectancy: '-15.25',
      totalRealizedPnl: '-30.50',
      bestTrade: null,
      worstTrade: expect.objectContaining({ realizedPnl: '-20.50' }),
      currentLossStreak: 2,
      longestLossStreak: 2,
    });
  });

  it('counts only breakeven trades as neither: no win rate, expectancy 0', () => {
    const stats = computeTradeStatistics([trade('0', day(1)), trade('-0.00', day(2))], NOW);
    expect(stats).toMatchObject({
      breakeven: 2,
      winRate: null,
      profitFactor: null,
      expectancy: '0.00',
    });
  });

  describe('floating-point traps', () => {
    it('sums 0.1 + 0.2 − 0.3 to exactly 0.00 with profit factor exactly 1', () => {
      const stats = computeTradeStatistics(
        [trade('0.1', day(1)), trade('0.2', day(2)), trade('-0.3', day(3))],
        NOW,
      );
      expect(stats.totalRealizedPnl).toBe('0.00');
      expect(stats.expectancy).toBe('0.00');
      expect(stats.profitFactor).toBe(1); // floats: 0.30000000000000004 / 0.3 = 1.0000000000000002
      expect(stats.averageWin).toBe('0.15');
    });

    it('rounds only the final sum: 1.001 + 1.004 = 2.005 → 2.01', () => {
      const stats = computeTradeStatistics([trade('1.001', day(1)), trade('1.004', day(2))], NOW);
      expect(stats.totalRealizedPnl).toBe('2.01');
      expect(stats.averageWin).toBe('1.00'); // 1.0025 → 1.00
    });
  });

  it('orders by closedAt, not input order, for streaks', () => {
    // closing order: W W L → current loss 1, longest win 2
    const stats = computeTradeStatistics(
      [trade('-5', day(3)), trade('7', day(2)), trade('3', day(1))],
      NOW,
    );
    expect(stats).toMatchObject({ currentLossStreak: 1, currentWinStreak: 0, longestWinStreak: 2 });
  });

  it('breaks a streak at a breakeven trade: +1 +1 +1 0 +1 +1', () => {
    const pnls = ['1', '1', '1', '0', '1', '1'];
    const stats = computeTradeStatistics(
      pnls.map((pnl, i) => trade(pnl, day(i + 1))),
      NOW,
    );
    expect(stats).toMatchObject({ longestWinStreak: 3, currentWinStreak: 2 });
  });

  it('picks the earliest closed of equally best trades', () => {
    const stats = computeTradeStatistics(
      [trade('50', day(2), { symbol: 'LATE' }), trade('50', day(1), { symbol: 'EARLY' })],
      NOW,
    );
    expect(stats.bestTrade?.symbol).toBe('EARLY');
  });

  it('rejects a realizedPnl that is not a decimal string, naming the trade', () => {
    expect(() => computeTradeStatistics([trade('1', day(1)), trade('NaN', day(2))], NOW)).toThrow(
      'trades[1].realizedPnl is not a decimal string',
    );
  });

  it('rejects an invalid closedAt or now', () => {
    expect(() => computeTradeStatistics([trade('1', 'not a date')], NOW)).toThrow(
      'trades[0].closedAt is not a valid Date',
    );
    expect(() => computeTradeStatistics([], new Date(Number.NaN))).toThrow(
      'now is not a valid Date',
    );
  });
});

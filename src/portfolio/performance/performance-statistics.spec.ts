import {
  computePerformanceStatistics,
  MANUAL_STRATEGY_KEY,
  resolveOptions,
} from './performance-statistics';
import type { ClosedTrade, EquityPoint } from './performance.types';
import { computeTradeStatistics } from './trade-statistics';

const NOW = new Date('2024-03-10T12:00:00Z');
const dayAt = (n: number): Date => new Date(Date.UTC(2024, 2, n, 21));

function trade(strategy: string | null, realizedPnl: string, day: number): ClosedTrade {
  return {
    strategy,
    symbol: 'MSFT',
    side: 'long',
    quantity: '1',
    entryPrice: '10',
    exitPrice: '10',
    fees: '0',
    realizedPnl,
    openedAt: dayAt(day),
    closedAt: dayAt(day),
  };
}

const TRADES = [
  trade('momentum', '100', 1),
  trade(null, '-50', 2),
  trade('momentum', '30', 3),
  trade('mean-reversion', '-20', 4),
  trade(null, '0', 5),
];

// Daily returns 102/100 − 1 = 0.02, 100.98/102 − 1 = −0.01, 104.0094/100.98 − 1 = 0.03, 0.
const EQUITY: EquityPoint[] = ['100', '102', '100.98', '104.0094', '104.0094'].map((equity, i) => ({
  time: dayAt(i + 1),
  equity,
}));

describe('computePerformanceStatistics', () => {
  const stats = computePerformanceStatistics(TRADES, EQUITY, { now: NOW });

  it('includes the overall trade statistics', () => {
    expect(stats).toMatchObject(computeTradeStatistics(TRADES, NOW));
    expect(stats).toMatchObject({ tradeCount: 5, expectancy: '12.00', totalRealizedPnl: '60.00' });
  });

  it('splits trade statistics per strategy, manual orders under "manual", keys sorted', () => {
    expect(Object.keys(stats.byStrategy)).toEqual(['manual', 'mean-reversion', 'momentum']);
    expect(MANUAL_STRATEGY_KEY).toBe('manual');
    expect(stats.byStrategy.manual).toMatchObject({
      tradeCount: 2,
      losses: 1,
      breakeven: 1,
      winRate: 0,
      profitFactor: 0,
      totalRealizedPnl: '-50.00',
      expectancy: '-25.00',
    });
    expect(stats.byStrategy.momentum).toMatchObject({
      tradeCount: 2,
      wins: 2,
      profitFactor: null,
      totalRealizedPnl: '130.00',
      currentWinStreak: 2,
      tradesPerDay: 0.2, // 2 trades over Mar 1..10
    });
    expect(stats.byStrategy['mean-reversion']).toMatchObject({
      tradeCount: 1,
      worstTrade: expect.objectContaining({ strategy: 'mean-reversion', realizedPnl: '-20.00' }),
    });
  });

  it('derives daily returns, Sharpe and Sortino from the equity curve (252 periods, rf 0)', () => {
    expect(stats.dailyReturns).toEqual([
      { date: '2024-03-02', return: 0.02 },
      { date: '2024-03-03', return: -0.01 },
      { date: '2024-03-04', return: 0.03 },
      { date: '2024-03-05', return: 0 },
    ]);
    expect(stats.sharpeRatio).toBeCloseTo(Math.sqrt(75.6), 12);
    expect(stats.sortinoRatio).toBeCloseTo(2 * Math.sqrt(252), 12);
  });

  it('reports the max drawdown 102 → 100.98 = 0.01 and no current drawdown', () => {
    expect(stats.maxDrawdown).toEqual({
      fraction: 0.01,
      peakEquity: '102.00',
      troughEquity: '100.98',
      peakAt: dayAt(2),
      troughAt: dayAt(3),
      recoveredAt: dayAt(4),
      recoveryTime: 86_400_000,
    });
    expect(stats.currentDrawdown).toBe(0);
  });

  it('lowers Sharpe and Sortino with a risk-free rate', () => {
    const withRiskFree = computePerformanceStatistics(TRADES, EQUITY, {
      now: NOW,
      periodsPerYear: 2,
      riskFreeRate: 0.010025, // 0.005 per period
    });
    expect(withRiskFree.sharpeRatio).toBeCloseTo(Math.sqrt(0.15), 12);
    expect(withRiskFree.sortinoRatio).toBeCloseTo(Math.sqrt(0.8), 12);
  });

  it('is all zeros and nulls without trades or equity', () => {
    expect(computePerformanceStatistics([], [], { now: NOW })).toMatchObject({
      tradeCount: 0,
      winRate: null,
      profitFactor: null,
      expectancy: null,
      totalRealizedPnl: '0.00',
      tradesPerDay: 0,
      dailyReturns: [],
      sharpeRatio: null,
      sortinoRatio: null,
      maxDrawdown: null,
      currentDrawdown: null,
      byStrategy: {},
    });
  });
});

describe('resolveOptions', () => {
  it('defaults to 252 periods per year and a risk-free rate of 0', () => {
    expect(resolveOptions({ now: NOW })).toEqual({
      periodsPerYear: 252,
      riskFreeRate: 0,
      now: NOW,
    });
  });

  it.each([
    [{ periodsPerYear: 0 }, 'periodsPerYear'],
    [{ periodsPerYear: Number.NaN }, 'periodsPerYear'],
    [{ riskFreeRate: -1 }, 'riskFreeRate'],
    [{ riskFreeRate: Number.POSITIVE_INFINITY }, 'riskFreeRate'],
  ])('rejects %p', (options, field) => {
    expect(() => resolveOptions({ now: NOW, ...options })).toThrow(field);
  });
});

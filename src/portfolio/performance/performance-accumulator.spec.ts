import fc from 'fast-check';
import {
  type ClosedTradeRow,
  type EquityRow,
  PerformanceAccumulator,
} from './performance-accumulator';
import { computePerformanceStatistics, MANUAL_STRATEGY_KEY } from './performance-statistics';
import type { ClosedTrade, EquityPoint, StatisticsInput } from './performance.types';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 30, 20); // a month end a few days in
const FILTERS = [MANUAL_STRATEGY_KEY, 'momentum', 'manual-like', 'absent'];

/** The reference: the pure functions over every row added, in id order (as the table is read). */
function reference(
  trades: readonly ClosedTradeRow[],
  points: readonly EquityRow[],
  input: StatisticsInput,
  strategy?: string,
) {
  const kept =
    strategy === undefined
      ? trades
      : trades.filter((t) => t.strategy === (strategy === MANUAL_STRATEGY_KEY ? null : strategy));
  return computePerformanceStatistics(
    [...kept].sort((a, b) => a.id - b.id).map(asClosedTrade),
    [...points].sort((a, b) => a.id - b.id).map(asEquityPoint),
    input,
  );
}

const asClosedTrade = (row: ClosedTradeRow): ClosedTrade => ({
  strategy: row.strategy,
  symbol: row.symbol,
  side: 'long',
  quantity: '1',
  entryPrice: '1',
  exitPrice: '1',
  fees: '0',
  realizedPnl: row.realizedPnl,
  openedAt: row.closedAt,
  closedAt: row.closedAt,
});
const asEquityPoint = (row: EquityRow): EquityPoint => ({ time: row.time, equity: row.equity });

/** Decimal strings as the tables hold them (2 dp), zeros of every spelling, and a few 3-dp ones. */
const money = (cents: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -cents, max: cents }).map(formatCents) },
    { weight: 1, arbitrary: fc.constantFrom('0', '0.00', '-0.00', '1.005', '-1.005', '.5') },
  );
const wholeDollars = (max: number) =>
  fc.integer({ min: -max, max }).map((dollars) => formatCents(dollars * 100));
const formatCents = (cents: number): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Instants over a few weeks, often repeated (equal closedAt / time). */
const instants = (days: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: days * DAY }),
    fc.constantFrom(0, DAY / 2, DAY, 3 * DAY + 1, 3 * DAY + 1),
  );

/** Trades with P/L up to ±500.00, or whole dollars up to ±2 (the best and worst trades tie). */
const tradesArb = fc.oneof(fc.constant(money(50_000)), fc.constant(wholeDollars(2))).chain((pnl) =>
  fc.array(
    fc.record({
      strategy: fc.constantFrom(
        null,
        null,
        'momentum',
        'mean-reversion',
        'manual',
        '10',
        'breakout',
      ),
      symbol: fc.constantFrom('AAPL', 'MSFT', 'SPY'),
      realizedPnl: pnl,
      offset: instants(40),
    }),
    { maxLength: 60 },
  ),
);
const pointArb = fc.record({
  equity: fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 9_000_00, max: 11_000_00 }).map(formatCents) },
    { weight: 1, arbitrary: money(500) },
  ),
  offset: instants(10),
});

/** How rows arrive: in id order, shuffled, or in id order with some committed late. */
const arrivalArb = (length: number) =>
  fc.oneof(
    fc.constant([...Array(length).keys()]),
    fc.shuffledSubarray([...Array(length).keys()], { minLength: length, maxLength: length }),
    fc
      .array(fc.integer({ min: 0, max: 6 }), { minLength: length, maxLength: length })
      .map((jitter) => [...Array(length).keys()].sort((a, b) => a + jitter[a] - (b + jitter[b]))),
  );

const scenarioArb = fc
  .record({
    trades: tradesArb,
    points: fc.array(pointArb, { maxLength: 60 }),
    batchSizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
    nows: fc.array(fc.integer({ min: -5 * DAY, max: 400 * DAY }), { minLength: 1, maxLength: 3 }),
    periodsPerYear: fc.constantFrom(252, 365),
    riskFreeRate: fc.constantFrom(0, 0.05),
    tailLength: fc.constantFrom(1, 3, 1024),
  })
  .chain((scenario) =>
    fc.record({
      scenario: fc.constant(scenario),
      tradeArrival: arrivalArb(scenario.trades.length),
      pointArrival: arrivalArb(scenario.points.length),
    }),
  );

describe('PerformanceAccumulator against computePerformanceStatistics', () => {
  it('gives the same report (values, strings, key order) after every batch, for every `now` and filter', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, tradeArrival, pointArrival }) => {
        const trades: ClosedTradeRow[] = scenario.trades.map((trade, index) => ({
          id: index + 1,
          strategy: trade.strategy,
          symbol: trade.symbol,
          realizedPnl: trade.realizedPnl,
          closedAt: new Date(START + trade.offset),
        }));
        const points: EquityRow[] = scenario.points.map((point, index) => ({
          id: index + 1,
          time: new Date(START + point.offset),
          equity: point.equity,
        }));
        const accumulator = new PerformanceAccumulator({ equityTailLength: scenario.tailLength });
        const added = { trades: [] as ClosedTradeRow[], points: [] as EquityRow[] };
        let next = { trade: 0, point: 0 };
        for (const size of [...scenario.batchSizes, Infinity]) {
          const tradeBatch = tradeArrival
            .slice(next.trade, next.trade + size)
            .map((i) => trades[i]);
          const pointBatch = pointArrival
            .slice(next.point, next.point + size)
            .map((i) => points[i]);
          next = { trade: next.trade + tradeBatch.length, point: next.point + pointBatch.length };
          accumulator.addTrades(tradeBatch);
          accumulator.addEquityPoints(pointBatch);
          added.trades.push(...tradeBatch);
          added.points.push(...pointBatch);
          if (!accumulator.drawdownIsComplete) rewalk(accumulator, added.points);
          for (const offset of scenario.nows) {
            const input = {
              now: new Date(START + offset),
              periodsPerYear: scenario.periodsPerYear,
              riskFreeRate: scenario.riskFreeRate,
            };
            for (const strategy of [undefined, ...FILTERS]) {
              const expected = reference(added.trades, added.points, input, strategy);
              const actual = accumulator.statistics(input, strategy);
              expect(actual).toStrictEqual(expected);
              expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** What the service does when a point came too late: the whole curve again, in curve order. */
function rewalk(accumulator: PerformanceAccumulator, points: readonly EquityRow[]): void {
  const walk = accumulator.rewalkDrawdown();
  const curve = [...points].sort((a, b) => a.time.getTime() - b.time.getTime() || a.id - b.id);
  for (let i = 0; i < curve.length; i += 2) walk.add(curve.slice(i, i + 2));
  walk.finish();
}

describe('PerformanceAccumulator', () => {
  const at = (day: number) => new Date(START + day * DAY);
  const trade = (id: number, realizedPnl: string, day: number): ClosedTradeRow => ({
    id,
    strategy: null,
    symbol: 'SPY',
    realizedPnl,
    closedAt: at(day),
  });
  const now = at(10);

  it('counts the streaks again when a trade closed before one already added', () => {
    const accumulator = new PerformanceAccumulator();
    accumulator.addTrades([trade(1, '5', 1), trade(2, '6', 2), trade(3, '-1', 4)]);
    expect(accumulator.statistics({ now })).toMatchObject({
      currentLossStreak: 1,
      longestWinStreak: 2,
    });
    accumulator.addTrades([trade(4, '7', 3)]); // W W W L
    expect(accumulator.statistics({ now })).toMatchObject({
      currentWinStreak: 0,
      currentLossStreak: 1,
      longestWinStreak: 3,
      longestLossStreak: 1,
      bestTrade: { symbol: 'SPY', strategy: null, realizedPnl: '7.00', closedAt: at(3) },
    });
  });

  it('orders equal closedAt by id: the best of equal trades is the lower id, whatever came first', () => {
    const accumulator = new PerformanceAccumulator();
    accumulator.addTrades([{ ...trade(9, '5', 1), symbol: 'MSFT' }]);
    accumulator.addTrades([{ ...trade(8, '5', 1), symbol: 'AAPL' }]);
    expect(accumulator.statistics({ now }).bestTrade?.symbol).toBe('AAPL');
  });

  it('needs the whole curve again only for a point older than the kept tail', () => {
    const accumulator = new PerformanceAccumulator({ equityTailLength: 1 });
    const points = [
      { id: 1, time: at(0), equity: '100' },
      { id: 2, time: at(1), equity: '110' },
      { id: 3, time: at(2), equity: '99' },
      { id: 4, time: at(1.5), equity: '120' }, // after the base (days 0, 1): put in its place
      { id: 5, time: at(0.5), equity: '50' }, // before the base's last point
    ];
    accumulator.addEquityPoints(points.slice(0, 3));
    accumulator.addEquityPoints(points.slice(3, 4));
    expect(accumulator.drawdownIsComplete).toBe(true);
    expect(accumulator.statistics({ now }).maxDrawdown).toEqual({
      fraction: 0.175,
      peakEquity: '120.00',
      troughEquity: '99.00',
      peakAt: at(1.5),
      troughAt: at(2),
      recoveredAt: null,
      recoveryTime: null,
    });
    accumulator.addEquityPoints(points.slice(4));
    expect(accumulator.drawdownIsComplete).toBe(false);
    expect(() => accumulator.statistics({ now })).toThrow('rewalk');
    rewalk(accumulator, points);
    expect(accumulator.statistics({ now }).maxDrawdown).toEqual({
      fraction: 0.5,
      peakEquity: '100.00',
      troughEquity: '50.00',
      peakAt: at(0),
      troughAt: at(0.5),
      recoveredAt: at(1),
      recoveryTime: DAY / 2,
    });
  });
});

import { fromIsoDate, toIsoDate } from './business-calendar';
import { PdtPolicyError } from './compliance.errors';
import { Execution, ProposedOrder, Side } from './compliance.interface';
import {
  checkPdt,
  countDayTrades,
  finraTransitionPolicies,
  PdtContext,
  PdtPolicy,
  resolvePdtPolicy,
  validatePdtPolicies,
} from './pattern-day-trader';

let sequence = 0;
function fill(side: Side, symbol: string, at: string, quantity = '10'): Execution {
  sequence += 1;
  return {
    id: `e${sequence}`,
    symbol,
    side,
    quantity,
    price: '100',
    fees: '0',
    executedAt: new Date(at),
  };
}

/** Buy at 15:00 UTC and sell at 16:00 UTC on `date` (regular session in EST and EDT). */
const roundTrip = (symbol: string, date: string): Execution[] => [
  fill('buy', symbol, `${date}T15:00:00Z`),
  fill('sell', symbol, `${date}T16:00:00Z`),
];

const buyOrder = (symbol: string, at: string, quantity = '10', price = '100'): ProposedOrder => ({
  symbol,
  side: 'buy',
  quantity,
  price,
  at: new Date(at),
});
const sellOrder = (symbol: string, at: string, quantity = '10'): ProposedOrder => ({
  ...buyOrder(symbol, at, quantity),
  side: 'sell',
});

const PDT_ONLY: PdtPolicy[] = [
  { broker: 'paper', rule: 'finra_4210_pdt', effectiveFrom: fromIsoDate('2001-09-28') },
];

const context = (executions: Execution[], overrides: Partial<PdtContext> = {}): PdtContext => ({
  broker: 'paper',
  accountType: 'margin',
  equity: '24999.99',
  grossPositionValue: '0',
  executions,
  policies: PDT_ONLY,
  ...overrides,
});

const threeDayTrades = [
  ...roundTrip('AAA', '2025-03-03'),
  ...roundTrip('BBB', '2025-03-04'),
  ...roundTrip('CCC', '2025-03-05'),
];

describe('pattern day trader', () => {
  describe('countDayTrades', () => {
    it('counts round trips in the five business days ending on the as-of date', () => {
      const count = countDayTrades(threeDayTrades, new Date('2025-03-05T20:00:00Z'));
      expect(count.dayTrades).toBe(3);
      expect(count.totalTrades).toBe(6);
      expect(toIsoDate(count.windowStart)).toBe('2025-02-27');
      expect(toIsoDate(count.windowEnd)).toBe('2025-03-05');
      expect(count.trades.map((trade) => trade.symbol)).toEqual(['AAA', 'BBB', 'CCC']);
      expect(count.trades[2]).toMatchObject({
        openingExecutionId: threeDayTrades[4].id,
        closingExecutionId: threeDayTrades[5].id,
      });
    });

    it('counts a day trade on the first day of the window, days of trading later', () => {
      const fromThursday = [
        ...roundTrip('ZZZ', '2025-02-27'),
        ...roundTrip('YYY', '2025-02-28'),
        ...threeDayTrades,
      ];
      const count = countDayTrades(fromThursday, new Date('2025-03-05T20:00:00Z'));
      expect(toIsoDate(count.windowStart)).toBe('2025-02-27');
      expect(count.dayTrades).toBe(5);
      expect(count.totalTrades).toBe(10);
      expect(countDayTrades(fromThursday, new Date('2025-03-06T20:00:00Z')).dayTrades).toBe(4);
    });

    it('ends a weekend as-of window on the Friday', () => {
      const count = countDayTrades(threeDayTrades, new Date('2025-03-09T15:00:00Z'));
      expect(toIsoDate(count.windowEnd)).toBe('2025-03-07');
      expect(toIsoDate(count.windowStart)).toBe('2025-03-03');
      expect(count.dayTrades).toBe(3);
    });

    it('skips holidays when sizing the window', () => {
      const aroundGoodFriday = [
        ...roundTrip('AAA', '2025-04-14'),
        ...roundTrip('BBB', '2025-04-15'),
        ...roundTrip('CCC', '2025-04-16'),
      ];
      expect(countDayTrades(aroundGoodFriday, new Date('2025-04-21T20:00:00Z')).dayTrades).toBe(3);
      expect(countDayTrades(aroundGoodFriday, new Date('2025-04-22T20:00:00Z')).dayTrades).toBe(2);
    });

    it('ignores executions after the as-of instant', () => {
      expect(countDayTrades(threeDayTrades, new Date('2025-03-05T15:30:00Z')).dayTrades).toBe(2);
    });

    it.each([
      ['buy, buy, sell', ['buy', 'buy', 'sell'], 1],
      ['buy, sell, sell', ['buy', 'sell', 'sell'], 1],
      ['buy, sell, buy, sell', ['buy', 'sell', 'buy', 'sell'], 2],
      ['short, cover', ['sell', 'buy'], 1],
      ['buy only', ['buy', 'buy'], 0],
    ] as const)(
      'counts one day trade per change of direction: %s → %i',
      (_label, sides, expected) => {
        const executions = sides.map((side, index) =>
          fill(
            side,
            'XYZ',
            `2025-03-04T15:0${index}:00Z`,
            side === 'buy' ? '10' : sidesQuantity(sides),
          ),
        );
        expect(countDayTrades(executions, new Date('2025-03-04T20:00:00Z')).dayTrades).toBe(
          expected,
        );
      },
    );

    it('selling an overnight position before buying again is not a day trade', () => {
      const executions = [
        fill('buy', 'XYZ', '2025-03-03T15:00:00Z'),
        fill('sell', 'XYZ', '2025-03-04T15:00:00Z'),
        fill('buy', 'XYZ', '2025-03-04T15:30:00Z'),
      ];
      const asOf = new Date('2025-03-04T20:00:00Z');
      expect(countDayTrades(executions, asOf).dayTrades).toBe(0);
      expect(countDayTrades(executions, asOf).pendingRoundTrips).toEqual(['XYZ']);
      const closed = [...executions, fill('sell', 'XYZ', '2025-03-04T16:00:00Z')];
      expect(countDayTrades(closed, asOf).dayTrades).toBe(1);
    });

    it('a buy after midnight UTC but before midnight in New York is the same trading day', () => {
      const executions = [
        fill('buy', 'XYZ', '2025-03-04T20:30:00Z'),
        fill('sell', 'XYZ', '2025-03-05T00:30:00Z'),
      ];
      const count = countDayTrades(executions, new Date('2025-03-05T01:00:00Z'));
      expect(count.dayTrades).toBe(1);
      expect(toIsoDate(count.trades[0].tradeDate)).toBe('2025-03-04');
    });
  });

  describe('checkPdt under FINRA Rule 4210', () => {
    it('allows exactly three day trades under $25,000', () => {
      const history = [...roundTrip('AAA', '2025-03-03'), ...roundTrip('BBB', '2025-03-04')];
      expect(checkPdt(buyOrder('CCC', '2025-03-05T15:00:00Z'), context(history)).allowed).toBe(
        true,
      );
      const opened = [...history, fill('buy', 'CCC', '2025-03-05T15:00:00Z')];
      expect(checkPdt(sellOrder('CCC', '2025-03-05T16:00:00Z'), context(opened)).allowed).toBe(
        true,
      );
    });

    it('denies the opening trade that would lead to a fourth, with a pdt_avoided event', () => {
      const result = checkPdt(buyOrder('DDD', '2025-03-06T15:00:00Z'), context(threeDayTrades));
      expect(result).toMatchObject({ allowed: false, reason: 'pdt_limit' });
      if (result.allowed) return;
      expect(result.message).toContain('day trade 4 in 5 business days (2025-02-28..2025-03-06)');
      expect(result.event).toEqual({
        type: 'pdt_avoided',
        symbol: 'DDD',
        at: new Date('2025-03-06T15:00:00Z'),
        details: {
          broker: 'paper',
          rule: 'finra_4210_pdt',
          order: 'opening',
          side: 'buy',
          dayTrades: 3,
          projectedDayTrades: 4,
          windowStart: '2025-02-28',
          windowEnd: '2025-03-06',
          equity: '24999.99',
          minimumEquity: '25000',
        },
      });
    });

    it('allows it at $25,000 of equity or more', () => {
      const order = buyOrder('DDD', '2025-03-06T15:00:00Z');
      expect(checkPdt(order, context(threeDayTrades, { equity: '25000' })).allowed).toBe(true);
      expect(checkPdt(order, context(threeDayTrades, { equity: '25000.00' })).allowed).toBe(true);
    });

    it('does not apply to a cash account', () => {
      const order = buyOrder('DDD', '2025-03-06T15:00:00Z');
      expect(checkPdt(order, context(threeDayTrades, { accountType: 'cash' })).allowed).toBe(true);
    });

    it('allows it again once the oldest day trade leaves the window', () => {
      expect(
        checkPdt(buyOrder('DDD', '2025-03-07T15:00:00Z'), context(threeDayTrades)).allowed,
      ).toBe(false);
      expect(
        checkPdt(buyOrder('DDD', '2025-03-10T15:00:00Z'), context(threeDayTrades)).allowed,
      ).toBe(true);
    });

    it('counts round trips still open today against the limit', () => {
      const history = [
        ...roundTrip('AAA', '2025-03-03'),
        ...roundTrip('BBB', '2025-03-04'),
        fill('buy', 'DDD', '2025-03-05T14:40:00Z'),
      ];
      const result = checkPdt(buyOrder('CCC', '2025-03-05T15:00:00Z'), context(history));
      expect(result).toMatchObject({ allowed: false, reason: 'pdt_limit' });
      expect(!result.allowed && result.event.details.projectedDayTrades).toBe(4);
      expect(checkPdt(buyOrder('DDD', '2025-03-05T15:00:00Z'), context(history)).allowed).toBe(
        true,
      );
    });

    it('denies the closing trade that would itself be the fourth, not the next day', () => {
      const history = [...threeDayTrades, fill('buy', 'DDD', '2025-03-05T14:40:00Z')];
      const sameDay = checkPdt(sellOrder('DDD', '2025-03-05T18:00:00Z'), context(history));
      expect(sameDay).toMatchObject({ allowed: false, reason: 'pdt_limit' });
      expect(!sameDay.allowed && sameDay.event.details.order).toBe('closing');
      expect(checkPdt(sellOrder('DDD', '2025-03-06T15:00:00Z'), context(history)).allowed).toBe(
        true,
      );
    });

    it('never blocks closing an overnight position, even with a fourth round trip open', () => {
      const history = [
        fill('buy', 'EEE', '2025-03-04T15:30:00Z'),
        ...threeDayTrades,
        fill('buy', 'DDD', '2025-03-05T14:40:00Z'),
      ];
      expect(checkPdt(sellOrder('EEE', '2025-03-05T18:00:00Z'), context(history)).allowed).toBe(
        true,
      );
    });

    it('is not a pattern when day trades are 6 % of trades or less', () => {
      const busyMonday = Array.from({ length: 61 }, (_, index) =>
        fill('buy', 'LONG', `2025-03-03T15:${String(index % 60).padStart(2, '0')}:00Z`, '1'),
      );
      const order = buyOrder('DDD', '2025-03-06T15:00:00Z');
      expect(checkPdt(order, context([...busyMonday, ...threeDayTrades])).allowed).toBe(true);
      expect(
        checkPdt(order, context([...busyMonday.slice(0, 50), ...threeDayTrades])).allowed,
      ).toBe(false);
    });

    it('honours configured limits', () => {
      const order = buyOrder('DDD', '2025-03-06T15:00:00Z');
      const settings = { dayTradeLimit: 4 };
      expect(checkPdt(order, context(threeDayTrades, { settings })).allowed).toBe(true);
      const lower = { minimumEquity: '20000' };
      expect(checkPdt(order, context(threeDayTrades, { settings: lower })).allowed).toBe(true);
    });
  });

  describe('checkPdt under the intraday margin standard', () => {
    const policies = finraTransitionPolicies('paper');
    const juneDayTrades = [
      ...roundTrip('AAA', '2026-06-01'),
      ...roundTrip('BBB', '2026-06-02'),
      ...roundTrip('CCC', '2026-06-03'),
    ];

    it('the day before the effective date the PDT limit still applies', () => {
      const result = checkPdt(
        buyOrder('DDD', '2026-06-03T18:00:00Z'),
        context(juneDayTrades, { policies }),
      );
      expect(result).toMatchObject({ allowed: false, reason: 'pdt_limit' });
      expect(result.policy.rule).toBe('finra_4210_pdt');
    });

    it('from the effective date day trades are not counted', () => {
      const result = checkPdt(
        buyOrder('DDD', '2026-06-04T14:00:00Z'),
        context(juneDayTrades, { policies }),
      );
      expect(result).toEqual({ allowed: true, policy: policies[1] });
    });

    it('late on 3 June in New York is still 3 June', () => {
      const result = checkPdt(
        buyOrder('DDD', '2026-06-04T03:00:00Z'),
        context(juneDayTrades, { policies }),
      );
      expect(result.policy.rule).toBe('finra_4210_pdt');
    });

    it('limits exposure to equity × multiplier', () => {
      const intraday = context([], { policies, equity: '5000', grossPositionValue: '15000' });
      expect(checkPdt(buyOrder('DDD', '2026-06-05T15:00:00Z', '50'), intraday).allowed).toBe(true);
      const result = checkPdt(buyOrder('DDD', '2026-06-05T15:00:00Z', '50.01'), intraday);
      expect(result).toMatchObject({ allowed: false, reason: 'intraday_margin_deficit' });
      expect(!result.allowed && result.event).toMatchObject({
        type: 'intraday_margin_blocked',
        details: { buyingPower: '20000', exposureAfter: '20001' },
      });
    });

    it('never blocks reducing a position, and nets a closing part against an opening one', () => {
      const held = [fill('buy', 'DDD', '2026-06-04T15:00:00Z', '30')];
      const intraday = context(held, { policies, equity: '5000', grossPositionValue: '20000' });
      expect(checkPdt(sellOrder('DDD', '2026-06-05T15:00:00Z', '30'), intraday).allowed).toBe(true);
      expect(checkPdt(sellOrder('DDD', '2026-06-05T15:00:00Z', '60'), intraday).allowed).toBe(true);
      expect(checkPdt(sellOrder('DDD', '2026-06-05T15:00:00Z', '61'), intraday).allowed).toBe(
        false,
      );
    });

    it("'none' allows everything", () => {
      const none: PdtPolicy[] = [
        { broker: 'paper', rule: 'none', effectiveFrom: fromIsoDate('2025-01-01') },
      ];
      const result = checkPdt(
        buyOrder('DDD', '2025-03-06T15:00:00Z'),
        context(threeDayTrades, { policies: none }),
      );
      expect(result.allowed).toBe(true);
    });
  });

  describe('the policy table', () => {
    const table: PdtPolicy[] = [
      ...finraTransitionPolicies('early'),
      ...finraTransitionPolicies('late', fromIsoDate('2027-01-04')),
    ];

    it('chooses each broker’s rule by date, keeping history', () => {
      const rule = (broker: string, at: string) =>
        resolvePdtPolicy(table, broker, new Date(at)).rule;
      expect(rule('early', '2025-03-03T15:00:00Z')).toBe('finra_4210_pdt');
      expect(rule('early', '2026-06-04T15:00:00Z')).toBe('intraday_margin');
      expect(rule('late', '2026-06-04T15:00:00Z')).toBe('finra_4210_pdt');
      expect(rule('late', '2026-12-31T15:00:00Z')).toBe('finra_4210_pdt');
      expect(rule('late', '2027-01-04T15:00:00Z')).toBe('intraday_margin');
    });

    it('refuses a switch outside FINRA’s effective date and phase-in', () => {
      expect(() => finraTransitionPolicies('x', fromIsoDate('2026-06-03'))).toThrow(PdtPolicyError);
      expect(() => finraTransitionPolicies('x', fromIsoDate('2027-10-21'))).toThrow(PdtPolicyError);
      expect(finraTransitionPolicies('x', fromIsoDate('2027-10-20'))[1].rule).toBe(
        'intraday_margin',
      );
    });

    it('refuses overlapping rows, inverted rows and unknown brokers', () => {
      const overlapping: PdtPolicy[] = [
        { broker: 'a', rule: 'finra_4210_pdt', effectiveFrom: fromIsoDate('2025-01-01') },
        { broker: 'a', rule: 'intraday_margin', effectiveFrom: fromIsoDate('2026-06-04') },
      ];
      expect(() => validatePdtPolicies(overlapping)).toThrow(/overlap on 2026-06-04/);
      const inverted: PdtPolicy[] = [
        {
          broker: 'a',
          rule: 'none',
          effectiveFrom: fromIsoDate('2026-01-01'),
          effectiveTo: fromIsoDate('2026-01-01'),
        },
      ];
      expect(() => validatePdtPolicies(inverted)).toThrow(PdtPolicyError);
      expect(() => resolvePdtPolicy(table, 'unknown', new Date('2026-01-05T15:00:00Z'))).toThrow(
        /no PDT policy for broker "unknown"/,
      );
    });

    it('a gap in a broker’s table is an error, not a silent allow', () => {
      const gap: PdtPolicy[] = [
        {
          broker: 'a',
          rule: 'finra_4210_pdt',
          effectiveFrom: fromIsoDate('2025-01-01'),
          effectiveTo: fromIsoDate('2026-01-01'),
        },
        { broker: 'a', rule: 'intraday_margin', effectiveFrom: fromIsoDate('2026-06-04') },
      ];
      expect(() =>
        checkPdt(buyOrder('X', '2026-03-02T15:00:00Z'), context([], { policies: gap })),
      ).toThrow(PdtPolicyError);
    });
  });
});

function sidesQuantity(sides: readonly Side[]): string {
  const buys = sides.filter((side) => side === 'buy').length;
  const sells = sides.length - buys;
  return buys === 0 ? '10' : String((buys * 10) / sells);
}

import { toIsoDate } from './business-calendar';
import {
  CashAccountHistory,
  checkCashAccountOrder,
  detectCashAccountEvents,
  replayCashAccount,
} from './cash-account-rules';
import { Execution, ProposedOrder, Side } from './compliance.interface';

let sequence = 0;
function fill(side: Side, symbol: string, quantity: string, price: string, at: string): Execution {
  sequence += 1;
  return {
    id: `e${sequence}`,
    symbol,
    side,
    quantity,
    price,
    fees: '0',
    executedAt: new Date(at),
  };
}

const order = (
  side: Side,
  symbol: string,
  quantity: string,
  price: string,
  at: string,
  fees?: string,
): ProposedOrder => ({ side, symbol, quantity, price, fees, at: new Date(at) });

const history = (
  openingSettledCash: string,
  executions: Execution[],
  policy?: CashAccountHistory['policy'],
): CashAccountHistory => ({ openingSettledCash, executions, policy });

/**
 * One good-faith violation on `wed` with a constant 1000 of cash: buy OLD on `mon` with settled
 * cash, sell it on `wed` (proceeds settle Thursday), buy NEW with those proceeds and sell NEW
 * the same day.
 */
function goodFaithViolationOn(mon: string, wed: string, tag: string): Execution[] {
  return [
    fill('buy', `OLD${tag}`, '10', '100', `${mon}T15:00:00Z`),
    fill('sell', `OLD${tag}`, '10', '100', `${wed}T15:00:00Z`),
    fill('buy', `NEW${tag}`, '10', '100', `${wed}T15:30:00Z`),
    fill('sell', `NEW${tag}`, '10', '100', `${wed}T16:00:00Z`),
  ];
}

describe('cash-account rules', () => {
  describe('good-faith violations', () => {
    const paid = fill('buy', 'AAA', '10', '100', '2025-03-03T15:00:00Z');
    const sold = fill('sell', 'AAA', '10', '110', '2025-03-05T15:00:00Z');
    const boughtUnsettled = fill('buy', 'BBB', '10', '100', '2025-03-05T15:30:00Z');
    const base = history('1000', [paid, sold, boughtUnsettled]);

    it('denies selling a position bought with unsettled proceeds before they settle', () => {
      const result = checkCashAccountOrder(
        order('sell', 'BBB', '10', '101', '2025-03-05T18:00:00Z'),
        base,
      );
      expect(result).toMatchObject({ allowed: false, reason: 'good_faith_violation' });
      if (result.allowed) return;
      expect(result.message).toContain('before 2025-03-06');
      expect(result.message).toContain('violation 1 of 3');
      expect(result.event).toMatchObject({
        type: 'cash_order_blocked',
        symbol: 'BBB',
        details: { reason: 'good_faith_violation', fundsSettleOn: '2025-03-06' },
      });
    });

    it('allows the same sale once the proceeds have settled', () => {
      const result = checkCashAccountOrder(
        order('sell', 'BBB', '10', '101', '2025-03-06T14:30:00Z'),
        base,
      );
      expect(result).toEqual({ allowed: true });
    });

    it('allows a same-day round trip paid with settled cash', () => {
      const dayTrade = history('1000', [fill('buy', 'CCC', '5', '100', '2025-03-03T15:00:00Z')]);
      expect(
        checkCashAccountOrder(order('sell', 'CCC', '5', '99', '2025-03-03T16:00:00Z'), dayTrade),
      ).toEqual({ allowed: true });
    });

    it('warns instead of denying when the policy says so', () => {
      const warned = history(base.openingSettledCash, [...base.executions], {
        goodFaithViolation: 'warn',
      });
      const result = checkCashAccountOrder(
        order('sell', 'BBB', '10', '101', '2025-03-05T18:00:00Z'),
        warned,
      );
      expect(result.allowed).toBe(true);
      expect(result.allowed && result.warning?.reason).toBe('good_faith_violation');
    });

    it('funds from settled cash first, so a partly settled purchase is still tainted', () => {
      const partly = history('700', [
        fill('buy', 'AAA', '5', '100', '2025-03-03T15:00:00Z'),
        fill('sell', 'AAA', '5', '100', '2025-03-05T15:00:00Z'),
        fill('buy', 'BBB', '3', '100', '2025-03-05T15:30:00Z'),
      ]);
      expect(replayCashAccount(partly, new Date('2025-03-05T15:30:00Z'))).toMatchObject({
        settledFundsAvailable: '0',
        unsettledFundsAvailable: '400',
      });
      expect(
        checkCashAccountOrder(order('sell', 'BBB', '1', '100', '2025-03-05T17:00:00Z'), partly),
      ).toMatchObject({ allowed: false, reason: 'good_faith_violation' });
    });

    it('sells the oldest (paid) lot first: only selling into the new lot is a violation', () => {
      const lots = history('1000', [
        fill('buy', 'AAA', '5', '100', '2025-03-03T15:00:00Z'),
        fill('buy', 'ZZZ', '5', '100', '2025-03-03T15:05:00Z'),
        fill('sell', 'ZZZ', '5', '100', '2025-03-05T15:00:00Z'),
        fill('buy', 'AAA', '5', '100', '2025-03-05T15:30:00Z'),
      ]);
      const at = '2025-03-05T17:00:00Z';
      expect(checkCashAccountOrder(order('sell', 'AAA', '5', '100', at), lots)).toEqual({
        allowed: true,
      });
      expect(checkCashAccountOrder(order('sell', 'AAA', '6', '100', at), lots)).toMatchObject({
        allowed: false,
        reason: 'good_faith_violation',
      });
    });

    it('a lot bought with unsettled proceeds stays tainted while later fills trade the symbol', () => {
      const later = history('1000', [
        fill('buy', 'AAA', '5', '100', '2025-03-03T15:00:00Z'),
        fill('buy', 'ZZZ', '5', '100', '2025-03-03T15:05:00Z'),
        fill('sell', 'ZZZ', '5', '100', '2025-03-05T15:00:00Z'),
        fill('buy', 'AAA', '5', '100', '2025-03-05T15:30:00Z'),
        fill('sell', 'AAA', '2', '100', '2025-03-05T16:00:00Z'),
        fill('buy', 'AAA', '1', '100', '2025-03-06T15:00:00Z'),
      ]);
      // the paid lot has 3 left after the sale of 2, then come the 5 bought with proceeds
      const early = order('sell', 'AAA', '3', '100', '2025-03-05T17:00:00Z');
      expect(checkCashAccountOrder(early, later)).toEqual({ allowed: true });
      expect(checkCashAccountOrder({ ...early, quantity: '3.5' }, later)).toMatchObject({
        allowed: false,
        reason: 'good_faith_violation',
      });
      expect(
        checkCashAccountOrder(order('sell', 'AAA', '9', '100', '2025-03-06T17:00:00Z'), later),
      ).toEqual({ allowed: true });
    });

    it('a Friday sale funds a purchase that may be sold on Monday, not on Friday', () => {
      const weekend = history('1000', [
        fill('buy', 'AAA', '10', '100', '2025-03-05T15:00:00Z'),
        fill('sell', 'AAA', '10', '100', '2025-03-07T15:00:00Z'),
        fill('buy', 'BBB', '10', '100', '2025-03-07T15:30:00Z'),
      ]);
      expect(
        checkCashAccountOrder(order('sell', 'BBB', '10', '100', '2025-03-07T19:00:00Z'), weekend),
      ).toMatchObject({ allowed: false, message: expect.stringContaining('2025-03-10') });
      expect(
        checkCashAccountOrder(order('sell', 'BBB', '10', '100', '2025-03-10T14:00:00Z'), weekend),
      ).toEqual({ allowed: true });
    });

    it('Columbus Day trades but does not settle: selling on that Monday is still a violation', () => {
      const columbus = history('1000', [
        fill('buy', 'AAA', '10', '100', '2025-10-08T15:00:00Z'),
        fill('sell', 'AAA', '10', '100', '2025-10-10T15:00:00Z'),
        fill('buy', 'BBB', '10', '100', '2025-10-10T15:30:00Z'),
      ]);
      expect(
        checkCashAccountOrder(order('sell', 'BBB', '10', '100', '2025-10-13T15:00:00Z'), columbus),
      ).toMatchObject({ allowed: false, reason: 'good_faith_violation' });
      expect(
        checkCashAccountOrder(order('sell', 'BBB', '10', '100', '2025-10-14T15:00:00Z'), columbus),
      ).toEqual({ allowed: true });
    });

    it('is detected after the fact, with the purchase and the settlement date', () => {
      const sale = fill('sell', 'BBB', '10', '101', '2025-03-05T18:00:00Z');
      const events = detectCashAccountEvents(base, sale);
      expect(events).toEqual([
        {
          type: 'good_faith_violation',
          symbol: 'BBB',
          at: sale.executedAt,
          details: {
            executionId: sale.id,
            purchaseExecutionIds: [boughtUnsettled.id],
            fundsSettleOn: '2025-03-06',
            violationsInWindow: 1,
          },
        },
      ]);
      const state = replayCashAccount(
        history('1000', [...base.executions, sale]),
        new Date('2025-03-05T20:00:00Z'),
      );
      expect(state.goodFaithViolations).toHaveLength(1);
      expect(toIsoDate(state.goodFaithViolations[0].fundsSettleOn)).toBe('2025-03-06');
      expect(state.restriction).toBeNull();
    });
  });

  describe('three violations in twelve months', () => {
    const executions = [
      ...goodFaithViolationOn('2025-03-03', '2025-03-05', '1'),
      ...goodFaithViolationOn('2025-04-07', '2025-04-09', '2'),
      ...goodFaithViolationOn('2025-05-12', '2025-05-14', '3'),
    ];
    const restricted = history('1000', executions);

    it('start a 90-day restriction on the third', () => {
      const state = replayCashAccount(restricted, new Date('2025-05-14T20:00:00Z'));
      expect(state.events.map((event) => event.type)).toEqual([
        'good_faith_violation',
        'good_faith_violation',
        'good_faith_violation',
        'restriction_started',
      ]);
      expect(state.events[3].details).toMatchObject({
        reason: 'good_faith_violations',
        from: '2025-05-14',
        until: '2025-08-12',
      });
      expect(state.violationsInWindow).toBe(3);
      expect(state.restriction?.reason).toBe('good_faith_violations');
    });

    it('two are not enough', () => {
      const twice = history('1000', executions.slice(0, 8));
      const state = replayCashAccount(twice, new Date('2025-05-14T20:00:00Z'));
      expect(state.violationsInWindow).toBe(2);
      expect(state.restriction).toBeNull();
    });

    it('restricted: a purchase with unsettled proceeds is refused', () => {
      const result = checkCashAccountOrder(
        order('buy', 'PPP', '10', '100', '2025-05-14T19:00:00Z'),
        restricted,
      );
      expect(result).toMatchObject({ allowed: false, reason: 'insufficient_settled_funds' });
      expect(!result.allowed && result.message).toContain('until 2025-08-12');
    });

    it('restricted: a purchase with settled cash is allowed', () => {
      expect(
        checkCashAccountOrder(order('buy', 'PPP', '10', '100', '2025-05-15T15:00:00Z'), restricted),
      ).toEqual({ allowed: true });
    });

    it('the restriction holds on its last day and is gone the day after', () => {
      const withSale = (saleDay: string) =>
        history('1000', [
          ...executions,
          fill('buy', 'PPP', '10', '100', '2025-05-15T15:00:00Z'),
          fill('sell', 'PPP', '10', '100', `${saleDay}T15:00:00Z`),
        ]);
      expect(
        checkCashAccountOrder(
          order('buy', 'QQQ', '10', '100', '2025-08-11T16:00:00Z'),
          withSale('2025-08-11'),
        ),
      ).toMatchObject({ allowed: false, reason: 'insufficient_settled_funds' });
      expect(
        checkCashAccountOrder(
          order('buy', 'QQQ', '10', '100', '2025-08-12T16:00:00Z'),
          withSale('2025-08-12'),
        ),
      ).toEqual({ allowed: true });
    });

    it('a violation leaves the rolling window twelve months after it', () => {
      expect(
        replayCashAccount(restricted, new Date('2026-03-04T15:00:00Z')).violationsInWindow,
      ).toBe(3);
      expect(
        replayCashAccount(restricted, new Date('2026-03-05T15:00:00Z')).violationsInWindow,
      ).toBe(2);
    });

    it('a further violation while restricted does not start another restriction', () => {
      const again = history('1000', [
        ...executions,
        ...goodFaithViolationOn('2025-06-09', '2025-06-11', '4'),
      ]);
      const state = replayCashAccount(again, new Date('2025-06-11T20:00:00Z'));
      expect(state.violationsInWindow).toBe(4);
      expect(state.restrictions).toHaveLength(1);
      expect(state.events.at(-1)?.type).toBe('good_faith_violation');
    });

    it('honours a custom limit', () => {
      const strict = history('1000', executions.slice(0, 4), { violationLimit: 1 });
      const state = replayCashAccount(strict, new Date('2025-03-05T20:00:00Z'));
      expect(state.restriction).toMatchObject({ reason: 'good_faith_violations' });
      expect(toIsoDate(state.restriction!.until)).toBe('2025-06-03');
    });
  });

  describe('free-riding', () => {
    it('denies a purchase costing more than the cash settled by its settlement date', () => {
      const result = checkCashAccountOrder(
        order('buy', 'AAA', '20', '100', '2025-03-03T15:00:00Z'),
        history('1000', []),
      );
      expect(result).toMatchObject({ allowed: false, reason: 'free_riding' });
      expect(!result.allowed && result.message).toContain('only 1000 will have settled');
      expect(!result.allowed && result.event.details).toMatchObject({
        cost: '2000',
        available: '1000',
      });
    });

    it('counts unsettled proceeds that settle by then, and fees', () => {
      const funded = history('1000', [
        fill('buy', 'AAA', '10', '100', '2025-03-03T15:00:00Z'),
        fill('sell', 'AAA', '10', '210', '2025-03-05T15:00:00Z'),
      ]);
      const at = '2025-03-05T16:00:00Z';
      expect(checkCashAccountOrder(order('buy', 'BBB', '21', '100', at), funded)).toEqual({
        allowed: true,
      });
      expect(
        checkCashAccountOrder(order('buy', 'BBB', '21', '100', at, '0.01'), funded),
      ).toMatchObject({ allowed: false, reason: 'free_riding' });
    });

    it('allows spending settled cash to the last decimal', () => {
      const exact = history('0.3', [
        fill('buy', 'A', '1', '0.1', '2025-03-03T15:00:00Z'),
        fill('buy', 'B', '1', '0.1', '2025-03-03T15:01:00Z'),
      ]);
      const at = '2025-03-03T16:00:00Z';
      expect(checkCashAccountOrder(order('buy', 'C', '1', '0.1', at), exact)).toEqual({
        allowed: true,
      });
      expect(checkCashAccountOrder(order('buy', 'C', '1', '0.1000001', at), exact)).toMatchObject({
        allowed: false,
        reason: 'free_riding',
      });
    });

    it('an executed free ride is reported and freezes the account for 90 days', () => {
      const ride = fill('buy', 'AAA', '20', '100', '2025-03-03T15:00:00Z');
      const events = detectCashAccountEvents(history('1000', []), ride);
      expect(events).toEqual([
        {
          type: 'free_riding',
          symbol: 'AAA',
          at: ride.executedAt,
          details: {
            executionId: ride.id,
            cost: '2000',
            unfunded: '1000',
            settlementDate: '2025-03-04',
          },
        },
        {
          type: 'restriction_started',
          symbol: 'AAA',
          at: ride.executedAt,
          details: {
            executionId: ride.id,
            reason: 'free_riding',
            from: '2025-03-03',
            until: '2025-06-01',
          },
        },
      ]);
    });
  });
});

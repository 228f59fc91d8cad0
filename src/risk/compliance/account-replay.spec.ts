import { AccountReplay, LoggedExecution, ReplaySnapshot } from './account-replay';
import { AccountState, applyEntry, replayEntry } from './account-state';
import {
  cashAccountStanding,
  checkCashAccountOrder,
  checkCashLedgerOrder,
  detectCashAccountEvents,
  replayCashAccount,
} from './cash-account-rules';
import { Execution, ProposedOrder, Side } from './compliance.interface';
import { checkPdt, finraTransitionPolicies, PdtContext } from './pattern-day-trader';

/**
 * A small account trading four symbols at random (seeded): purchases paid with unsettled proceeds,
 * sales before they settle, more purchases than cash — good-faith violations, free riding and
 * restrictions all happen, over more than twelve months when the fills are spread out.
 */
function tradingHistory(count: number, minutesApart: number, start: number): Execution[] {
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
  const held = new Map<string, number>();
  let at = start;
  return Array.from({ length: count }, (_, i) => {
    at += (5 + random(minutesApart)) * 60_000;
    const symbol = ['AAPL', 'MSFT', 'SPY', 'NVDA'][random(4)];
    const position = held.get(symbol) ?? 0;
    const side: Side = position > 0 && random(2) === 0 ? 'sell' : 'buy';
    const quantity = side === 'sell' ? 1 + random(position) : 1 + random(6);
    held.set(symbol, position + (side === 'buy' ? quantity : -quantity));
    return {
      id: String(1000 + i),
      symbol,
      side,
      quantity: String(quantity),
      price: String(95 + random(11)),
      fees: '0.35',
      executedAt: new Date(at),
    };
  });
}

const JAN_2026 = Date.UTC(2026, 0, 5, 14, 30);
const OPENING = '700';
const CASH = { kind: 'cash', openingSettledCash: OPENING, tailSize: 8 } as const;

/** Fills in the order their transactions committed, numbered in that order. */
const logged = (executions: readonly Execution[], firstSeq = 1): LoggedExecution[] =>
  executions.map((execution, index) => ({ seq: firstSeq + index, execution }));

/** Commits out of time order: in each block of five, the fills commit last first. */
const committedOutOfOrder = (executions: readonly Execution[]): Execution[] =>
  Array.from({ length: Math.ceil(executions.length / 5) }, (_, block) =>
    executions.slice(block * 5, block * 5 + 5).reverse(),
  ).flat();

const minuteAfter = (execution: Execution) => new Date(execution.executedAt.getTime() + 60_000);

const cashOrders = (at: Date, last: Execution): ProposedOrder[] => [
  { symbol: 'AAPL', side: 'buy', quantity: '3', price: '100', at },
  { symbol: 'NVDA', side: 'buy', quantity: '9', price: '104', at },
  { symbol: last.symbol, side: 'sell', quantity: '1', price: '100', at },
];

function ledgerOf(state: AccountState | undefined) {
  if (state?.kind !== 'cash') throw new Error('expected the state of a cash account');
  return state.ledger;
}

/** What the replay answers at `at`, against what a replay of the list from scratch answers. */
function expectSameAnswers(replay: AccountReplay, executions: readonly Execution[], at: Date) {
  const history = { openingSettledCash: OPENING, executions };
  const ledger = ledgerOf(replay.stateAt(at));
  const { violationsInWindow, restriction, settledFundsAvailable, unsettledFundsAvailable } =
    replayCashAccount(history, at);
  expect(cashAccountStanding(ledger, at)).toEqual({
    violationsInWindow,
    restriction,
    settledFundsAvailable,
    unsettledFundsAvailable,
  });
  const last = executions.at(-1)!;
  for (const order of cashOrders(at, last)) {
    expect(checkCashLedgerOrder(order, ledger)).toEqual(checkCashAccountOrder(order, history));
  }
}

/** The steps compared (all of them is quadratic): the first sixty, then every 40th. */
const compared = (step: number) => step < 60 || step % 40 === 0;

describe('the account replay kept from the fill log (cash account)', () => {
  const history = tradingHistory(1000, 1200, JAN_2026);

  it('the history is busy: violations and restrictions before the cut still decide after it', () => {
    const state = replayCashAccount(
      { openingSettledCash: OPENING, executions: history },
      minuteAfter(history.at(-1)!),
    );
    const types = state.events.map((event) => event.type);
    expect(types.filter((type) => type === 'good_faith_violation').length).toBeGreaterThan(50);
    expect(types.filter((type) => type === 'free_riding').length).toBeGreaterThan(0);
    expect(state.restrictions.length).toBeGreaterThan(3);
    // the window holds violations of fills long folded into the state at the cut (8 kept after it)
    expect(state.violationsInWindow).toBeGreaterThan(8);
    expect(state.restriction).not.toBeNull();
    // and the first violations have left the twelve-month window
    expect(state.violationsInWindow).toBeLessThan(state.goodFaithViolations.length);
  });

  it('gives the answers of a replay from scratch, fill after fill', () => {
    const replay = AccountReplay.fromScratch(CASH, []);
    history.forEach((execution, step) => {
      if (compared(step)) {
        const detected = detectCashAccountEvents(
          { openingSettledCash: OPENING, executions: history.slice(0, step) },
          execution,
        );
        const before = replay.stateBefore(execution)!;
        expect(applyEntry(before, replayEntry(CASH, 0, execution))).toEqual(detected);
      }
      expect(replay.add([{ seq: step + 1, execution }])).toBe(true);
      if (compared(step))
        expectSameAnswers(replay, history.slice(0, step + 1), minuteAfter(execution));
    });
    expect(replay.snapshot().cut?.id).toBe(history.at(-9)!.id);
  });

  it('puts fills committed out of time order in their place', () => {
    const replay = AccountReplay.fromScratch(CASH, []);
    const commits = committedOutOfOrder(history);
    commits.forEach((execution, step) => {
      expect(replay.add([{ seq: step + 1, execution }])).toBe(true);
      if (!compared(step)) return;
      const seen = commits.slice(0, step + 1);
      const latest = seen.reduce((a, b) => (a.executedAt > b.executedAt ? a : b));
      expectSameAnswers(replay, seen, minuteAfter(latest));
    });
  });

  it('answers for a time before its newest fill, down to the cut', () => {
    const replay = AccountReplay.fromScratch(CASH, logged(history.slice(0, 500)));
    const inTail = history[495].executedAt;
    expectSameAnswers(replay, history.slice(0, 496), inTail);
    expect(replay.stateAt(history[490].executedAt)).toBeUndefined();
  });

  it('refuses, changing nothing, a fill older than the cut', () => {
    const replay = AccountReplay.fromScratch(CASH, logged(history.slice(0, 400)));
    const at = minuteAfter(history[399]);
    const late = { ...history[300], id: '999' };
    expect(replay.add([{ seq: 401, execution: late }])).toBe(false);
    expect(replay.lastSeq).toBe(400);
    expectSameAnswers(replay, history.slice(0, 400), at);
    expect(replay.add([{ seq: 401, execution: history[400] }])).toBe(true);
  });

  it('resumes from a stored snapshot and the fills logged from its fromSeq', () => {
    const commits = logged(committedOutOfOrder(history));
    const replay = AccountReplay.fromScratch(CASH, []);
    for (const stop of [3, 97, 402, 733, 1000]) {
      replay.add(commits.slice(0, stop));
      const stored = JSON.parse(JSON.stringify(replay.snapshot())) as ReplaySnapshot;
      // fills after the cut committed before fills folded into it: read again, not applied twice
      const resumed = AccountReplay.fromSnapshot(CASH, stored)!;
      expect(resumed.add(commits.slice(stored.fromSeq - 1, stop))).toBe(true);
      const seen = commits.slice(0, stop).map(({ execution }) => execution);
      const latest = seen.reduce((a, b) => (a.executedAt > b.executedAt ? a : b));
      expectSameAnswers(resumed, seen, minuteAfter(latest));
      // and it carries on like the original
      expect(resumed.add(commits.slice(stop, stop + 20))).toBe(true);
      const more = commits.slice(0, stop + 20).map(({ execution }) => execution);
      expectSameAnswers(
        resumed,
        more,
        minuteAfter(more.reduce((a, b) => (a.executedAt > b.executedAt ? a : b))),
      );
    }
  });

  it('does not resume from a snapshot of other opening cash, another account kind or format', () => {
    const snapshot = AccountReplay.fromScratch(CASH, logged(history.slice(0, 50))).snapshot();
    expect(AccountReplay.fromSnapshot(CASH, snapshot)).toBeDefined();
    expect(
      AccountReplay.fromSnapshot({ ...CASH, openingSettledCash: '701' }, snapshot),
    ).toBeUndefined();
    expect(AccountReplay.fromSnapshot({ ...CASH, kind: 'margin' }, snapshot)).toBeUndefined();
    expect(AccountReplay.fromSnapshot(CASH, { ...snapshot, format: 0 })).toBeUndefined();
  });

  it('keeps a state whose size does not grow with the history', () => {
    const roundTrips: Execution[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: String(i),
      symbol: ['AAPL', 'MSFT', 'SPY', 'TSLA', 'NVDA'][(i >> 1) % 5],
      side: i % 2 === 0 ? 'buy' : 'sell',
      quantity: String(1 + (i % 3)),
      price: '100',
      fees: '0.01',
      executedAt: new Date(JAN_2026 + i * 600_000),
    }));
    // a position built from many purchases, sold a little at a time
    roundTrips.forEach((execution, i) => {
      if (i % 10 === 3) roundTrips[i] = { ...execution, side: 'buy' };
    });
    const size = (count: number) =>
      JSON.stringify(
        AccountReplay.fromScratch(
          { ...CASH, openingSettledCash: '1000000' },
          logged(roundTrips.slice(0, count)),
        ).snapshot(),
      ).length;
    expect(size(20_000)).toBeLessThanOrEqual(size(2_000) * 1.1);
  });
});

describe('the account replay kept from the fill log (margin account, day trades)', () => {
  const MARGIN = { kind: 'margin', openingSettledCash: '20000', tailSize: 4 } as const;
  const context: PdtContext = {
    broker: 'paper',
    accountType: 'margin',
    equity: '1500',
    grossPositionValue: '5000',
    policies: finraTransitionPolicies('paper'),
  };
  const orders = (at: Date, last: Execution): ProposedOrder[] => [
    { symbol: 'TSLA', side: 'buy', quantity: '3', price: '100', at },
    { symbol: 'TSLA', side: 'buy', quantity: '20', price: '100', at },
    { symbol: last.symbol, side: 'buy', quantity: '1', price: '100', at },
    { symbol: last.symbol, side: 'sell', quantity: '1', price: '100', at },
  ];

  it.each([
    ['under Rule 4210', JAN_2026],
    ['across the switch to intraday margin (4 June 2026)', Date.UTC(2026, 4, 27, 14, 30)],
  ])('gives the answers of a replay from scratch, fill after fill: %s', (_label, start) => {
    const history = tradingHistory(400, 150, start);
    const replay = AccountReplay.fromScratch(MARGIN, []);
    const reasons = new Set<string>();
    history.forEach((execution, step) => {
      replay.add([{ seq: step + 1, execution }]);
      if (!compared(step)) return;
      const at = minuteAfter(execution);
      const state = replay.stateAt(at);
      if (state?.kind !== 'margin') throw new Error('expected a margin state');
      for (const order of orders(at, execution)) {
        const expected = checkPdt(order, { ...context, executions: history.slice(0, step + 1) });
        expect(checkPdt(order, { ...context, dayTrades: state.dayTrades })).toEqual(expected);
        reasons.add(expected.allowed ? 'allowed' : expected.reason);
      }
    });
    expect(reasons.size).toBeGreaterThan(1);
  });
});

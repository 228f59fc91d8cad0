import {
  BusinessCalendar,
  fromIsoDate,
  toIsoDate,
  tradeDate,
  US_EQUITY_CALENDAR,
} from './business-calendar';
import {
  AccountRestriction,
  applyCashFlow,
  CashLedger,
  cloneCashLedger,
  forgetExpired,
  GoodFaithViolation,
  openCashLedger,
} from './cash-account-rules';
import type { ComplianceEvent, Execution, Side } from './compliance.interface';
import { Money, parsePositive } from './money';
import {
  cloneDayTradeTracker,
  DayTally,
  DayTradeTracker,
  openDayTradeTracker,
  trackExecution,
} from './pattern-day-trader';
import { CashFlow, cashFlowOf, compareExecutions } from './settlement-ledger';

export type AccountKind = 'cash' | 'margin';

/**
 * What the rules of one account type carry from one execution to the next: a cash account's
 * ledger (T+1, good faith, free riding) or a margin account's day trades (PDT, intraday margin).
 * Only what a later date can still look back on is kept, so its size does not grow with the history.
 */
export type AccountState =
  | { readonly kind: 'cash'; readonly ledger: CashLedger }
  | { readonly kind: 'margin'; readonly dayTrades: DayTradeTracker };

export interface AccountStateOptions {
  readonly kind: AccountKind;
  /** Settled cash before the first execution (decimal string). */
  readonly openingSettledCash: string;
  readonly calendar?: BusinessCalendar;
}

/** An execution checked and ready to apply (with its cash flow, in a cash account). */
export interface ReplayEntry {
  readonly seq: number;
  readonly execution: Execution;
  readonly flow: CashFlow | null;
}

export function openAccountState(options: AccountStateOptions): AccountState {
  const calendar = options.calendar ?? US_EQUITY_CALENDAR;
  return options.kind === 'cash'
    ? { kind: 'cash', ledger: openCashLedger(options.openingSettledCash) }
    : { kind: 'margin', dayTrades: openDayTradeTracker(calendar) };
}

/** Everything that can refuse an execution happens here, so applying the entry cannot fail. */
export function replayEntry(
  options: AccountStateOptions,
  seq: number,
  execution: Execution,
): ReplayEntry {
  if (options.kind === 'cash') {
    return { seq, execution, flow: cashFlowOf(execution, options.calendar ?? US_EQUITY_CALENDAR) };
  }
  parsePositive(execution.quantity, `execution ${execution.id} quantity`);
  tradeDate(execution.executedAt);
  return { seq, execution, flow: null };
}

/** Applies the next entry (in replay order) and returns the events it causes. */
export function applyEntry(state: AccountState, entry: ReplayEntry): ComplianceEvent[] {
  if (state.kind === 'margin') {
    trackExecution(state.dayTrades, entry.execution);
    return [];
  }
  const { flow } = entry;
  if (!flow) throw new Error(`execution ${entry.execution.id} has no cash flow`);
  forgetExpired(state.ledger, flow.tradeDate);
  return applyCashFlow(state.ledger, flow);
}

export function cloneAccountState(state: AccountState): AccountState {
  return state.kind === 'cash'
    ? { kind: 'cash', ledger: cloneCashLedger(state.ledger) }
    : { kind: 'margin', dayTrades: cloneDayTradeTracker(state.dayTrades) };
}

/** The state after `executions` (any order): a replay from scratch. */
export function replayAccountState(
  options: AccountStateOptions,
  executions: readonly Execution[],
): AccountState {
  const state = openAccountState(options);
  const entries = executions.map((execution) => replayEntry(options, 0, execution));
  for (const entry of entries.sort(compareEntries)) applyEntry(state, entry);
  return state;
}

export const compareEntries = (a: ReplayEntry, b: ReplayEntry): number =>
  compareExecutions(a.execution, b.execution);

/** The state as plain JSON (decimals as strings, dates as ISO dates), to store. */
export type AccountStateJson =
  | {
      readonly kind: 'cash';
      readonly tranches: ReadonlyArray<{ settlesOn: string; remaining: string }>;
      readonly lots: ReadonlyArray<[string, LotJson[]]>;
      readonly violations: readonly ViolationJson[];
      readonly restrictions: readonly RestrictionJson[];
    }
  | {
      readonly kind: 'margin';
      readonly symbols: ReadonlyArray<[string, SymbolDayJson]>;
      readonly days: ReadonlyArray<[string, DayTally]>;
    };

interface LotJson {
  executionId: string;
  remaining: string;
  fundedUntil: string | null;
}

interface ViolationJson {
  executionId: string;
  symbol: string;
  tradeDate: string;
  purchaseExecutionIds: string[];
  fundsSettleOn: string;
}

interface RestrictionJson {
  reason: AccountRestriction['reason'];
  triggeredBy: string;
  from: string;
  until: string;
}

interface SymbolDayJson {
  date: string;
  position: string;
  openedLong: string;
  openedShort: string;
  lastSide: Side | null;
  lastOpeningId: string;
}

export function accountStateToJson(state: AccountState): AccountStateJson {
  if (state.kind === 'margin') {
    const { symbols, days } = state.dayTrades;
    return {
      kind: 'margin',
      symbols: [...symbols].map(([symbol, day]) => [
        symbol,
        {
          ...day,
          position: day.position.toFixed(),
          openedLong: day.openedLong.toFixed(),
          openedShort: day.openedShort.toFixed(),
        },
      ]),
      days: [...days].map(([date, tally]) => [date, { ...tally }]),
    };
  }
  const { tranches, lots, violations, restrictions } = state.ledger;
  return {
    kind: 'cash',
    tranches: tranches.map((tranche) => ({ ...tranche, remaining: tranche.remaining.toFixed() })),
    lots: [...lots].map(([symbol, held]) => [
      symbol,
      held.map((lot) => ({ ...lot, remaining: lot.remaining.toFixed() })),
    ]),
    violations: violations.map((violation) => ({
      ...violation,
      purchaseExecutionIds: [...violation.purchaseExecutionIds],
      tradeDate: toIsoDate(violation.tradeDate),
      fundsSettleOn: toIsoDate(violation.fundsSettleOn),
    })),
    restrictions: restrictions.map((restriction) => ({
      ...restriction,
      from: toIsoDate(restriction.from),
      until: toIsoDate(restriction.until),
    })),
  };
}

export function accountStateFromJson(
  json: AccountStateJson,
  options: AccountStateOptions,
): AccountState {
  const state = openAccountState(options);
  if (state.kind !== json.kind) throw new Error(`a ${json.kind} state for a ${state.kind} account`);
  if (state.kind === 'margin' && json.kind === 'margin') {
    for (const [symbol, day] of json.symbols) {
      state.dayTrades.symbols.set(symbol, {
        ...day,
        position: new Money(day.position),
        openedLong: new Money(day.openedLong),
        openedShort: new Money(day.openedShort),
      });
    }
    for (const [date, tally] of json.days) state.dayTrades.days.set(date, { ...tally });
  }
  if (state.kind === 'cash' && json.kind === 'cash') restoreLedger(state.ledger, json);
  return state;
}

function restoreLedger(ledger: CashLedger, json: Extract<AccountStateJson, { kind: 'cash' }>) {
  ledger.tranches.splice(
    0,
    ledger.tranches.length,
    ...json.tranches.map((tranche) => ({ ...tranche, remaining: new Money(tranche.remaining) })),
  );
  for (const [symbol, lots] of json.lots) {
    ledger.lots.set(
      symbol,
      lots.map((lot) => ({ ...lot, remaining: new Money(lot.remaining) })),
    );
  }
  ledger.violations.push(
    ...json.violations.map((violation): GoodFaithViolation => ({
      ...violation,
      tradeDate: fromIsoDate(violation.tradeDate),
      fundsSettleOn: fromIsoDate(violation.fundsSettleOn),
    })),
  );
  ledger.restrictions.push(
    ...json.restrictions.map((restriction): AccountRestriction => ({
      ...restriction,
      from: fromIsoDate(restriction.from),
      until: fromIsoDate(restriction.until),
    })),
  );
}

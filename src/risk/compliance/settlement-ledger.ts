import {
  BusinessCalendar,
  fromIsoDate,
  settlementDate,
  toIsoDate,
  tradeDate,
  US_EQUITY_CALENDAR,
} from './business-calendar';
import { ComplianceInputError } from './compliance.errors';
import { Execution, ProposedOrder, Side } from './compliance.interface';
import { formatMoney, Money, parseNonNegative, parsePositive, sumMoney } from './money';

export interface SettlementLedgerInput {
  /** Settled cash before the first execution (decimal string). */
  readonly openingSettledCash: string;
  readonly executions: readonly Execution[];
  readonly calendar?: BusinessCalendar;
}

/** One execution's effect on cash: buys cost quantity × price + fees, sells bring quantity × price − fees. */
export interface CashFlow {
  readonly executionId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Money;
  readonly amount: Money;
  readonly executedAt: Date;
  /** ISO dates (YYYY-MM-DD), New York trade date and T+1 settlement date. */
  readonly tradeDate: string;
  readonly settlementDate: string;
}

export interface UnsettledAmount {
  readonly executionId: string;
  readonly symbol: string;
  readonly amount: string;
  readonly tradeDate: Date;
  readonly settlementDate: Date;
}

export interface CashPosition {
  readonly asOf: Date;
  /** Opening cash plus settled sales minus settled purchases. */
  readonly settledCash: string;
  /** Sale proceeds not yet settled, each with the date it settles. */
  readonly unsettledProceeds: readonly UnsettledAmount[];
  /** Purchases executed but not yet settled: cash already committed. */
  readonly pendingPurchases: readonly UnsettledAmount[];
  readonly totalUnsettledProceeds: string;
  readonly totalPendingPurchases: string;
  /** Cash-account buying power: settled cash + unsettled proceeds − pending purchases. */
  readonly buyingPower: string;
}

/** Executions in the order they happened; ties broken by id so every replay agrees. */
export function sortExecutions(executions: readonly Execution[]): Execution[] {
  return [...executions].sort(compareExecutions);
}

/** The replay order: time, then id (as text). */
export function compareExecutions(
  a: Pick<Execution, 'executedAt' | 'id'>,
  b: Pick<Execution, 'executedAt' | 'id'>,
): number {
  return a.executedAt.getTime() - b.executedAt.getTime() || compareText(a.id, b.id);
}

/** Executions that had happened by `at` (inclusive), in order. */
export function executionsUpTo(executions: readonly Execution[], at: Date): Execution[] {
  return sortExecutions(executions.filter((execution) => execution.executedAt <= at));
}

/** The execution an order would become if filled as proposed. */
export function orderAsExecution(order: ProposedOrder): Execution {
  return {
    id: 'proposed-order',
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity,
    price: order.price,
    fees: order.fees ?? '0',
    executedAt: order.at,
  };
}

export function cashFlowOf(
  execution: Execution,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): CashFlow {
  if (!execution.symbol) throw new ComplianceInputError(`execution ${execution.id}: empty symbol`);
  if (execution.side !== 'buy' && execution.side !== 'sell') {
    throw new ComplianceInputError(`execution ${execution.id}: side must be buy or sell`);
  }
  const quantity = parsePositive(execution.quantity, `execution ${execution.id} quantity`);
  const gross = quantity.times(
    parseNonNegative(execution.price, `execution ${execution.id} price`),
  );
  const fees = parseNonNegative(execution.fees, `execution ${execution.id} fees`);
  const amount = execution.side === 'buy' ? gross.plus(fees) : gross.minus(fees);
  if (amount.isNegative()) {
    throw new ComplianceInputError(`execution ${execution.id}: fees exceed the sale's proceeds`);
  }
  const traded = tradeDate(execution.executedAt);
  return {
    executionId: execution.id,
    symbol: execution.symbol,
    side: execution.side,
    quantity,
    amount,
    executedAt: execution.executedAt,
    tradeDate: toIsoDate(traded),
    settlementDate: toIsoDate(settlementDate(traded, calendar)),
  };
}

/** Cash flows of the executions up to `at`, in execution order; duplicate ids are refused. */
export function cashFlowsUpTo(
  executions: readonly Execution[],
  at: Date,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): CashFlow[] {
  assertUniqueIds(executions);
  return executionsUpTo(executions, at).map((execution) => cashFlowOf(execution, calendar));
}

/** The cash ledger as of an instant: what has settled by its New York date, and what has not. */
export function cashPositionAsOf(input: SettlementLedgerInput, asOf: Date): CashPosition {
  const calendar = input.calendar ?? US_EQUITY_CALENDAR;
  const today = toIsoDate(tradeDate(asOf));
  const flows = cashFlowsUpTo(input.executions, asOf, calendar);
  const settled = flows.filter((flow) => flow.settlementDate <= today);
  const unsettled = flows.filter((flow) => flow.settlementDate > today);
  const settledCash = parseNonNegative(input.openingSettledCash, 'openingSettledCash')
    .plus(sumMoney(settled.filter(isSale).map(amountOf)))
    .minus(sumMoney(settled.filter(isPurchase).map(amountOf)));
  const proceeds = unsettled.filter(isSale);
  const purchases = unsettled.filter(isPurchase);
  const totalProceeds = sumMoney(proceeds.map(amountOf));
  const totalPurchases = sumMoney(purchases.map(amountOf));
  return {
    asOf,
    settledCash: formatMoney(settledCash),
    unsettledProceeds: proceeds.map(toUnsettledAmount),
    pendingPurchases: purchases.map(toUnsettledAmount),
    totalUnsettledProceeds: formatMoney(totalProceeds),
    totalPendingPurchases: formatMoney(totalPurchases),
    buyingPower: formatMoney(settledCash.plus(totalProceeds).minus(totalPurchases)),
  };
}

function toUnsettledAmount(flow: CashFlow): UnsettledAmount {
  return {
    executionId: flow.executionId,
    symbol: flow.symbol,
    amount: formatMoney(flow.amount),
    tradeDate: fromIsoDate(flow.tradeDate),
    settlementDate: fromIsoDate(flow.settlementDate),
  };
}

function assertUniqueIds(executions: readonly Execution[]): void {
  const seen = new Set<string>();
  for (const { id } of executions) {
    if (seen.has(id)) throw new ComplianceInputError(`duplicate execution id "${id}"`);
    seen.add(id);
  }
}

const isSale = (flow: CashFlow): boolean => flow.side === 'sell';
const isPurchase = (flow: CashFlow): boolean => flow.side === 'buy';
const amountOf = (flow: CashFlow): Money => flow.amount;

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

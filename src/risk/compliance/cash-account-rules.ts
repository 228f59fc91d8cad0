import {
  addCalendarDays,
  addCalendarMonths,
  BusinessCalendar,
  fromIsoDate,
  toIsoDate,
  tradeDate,
  US_EQUITY_CALENDAR,
} from './business-calendar';
import { ComplianceInputError } from './compliance.errors';
import { CheckResult, ComplianceEvent, Execution, ProposedOrder } from './compliance.interface';
import { formatMoney, minMoney, Money, parseNonNegative, sumMoney } from './money';
import {
  CashFlow,
  cashFlowOf,
  cashFlowsUpTo,
  orderAsExecution,
  SettlementLedgerInput,
} from './settlement-ledger';

export interface CashAccountPolicy {
  /** What a sell that would be a good-faith violation gets: refused, or allowed with a warning. */
  readonly goodFaithViolation: 'deny' | 'warn';
  /** Violations within the rolling window that restrict the account. */
  readonly violationLimit: number;
  readonly violationWindowMonths: number;
  /** Calendar days a restriction (settled-cash purchases only) lasts, from the violation's date. */
  readonly restrictionDays: number;
  /** Regulation T §220.8(c): 90-day freeze after free-riding. */
  readonly freeRidingRestrictionDays: number;
}

export const DEFAULT_CASH_ACCOUNT_POLICY: CashAccountPolicy = {
  goodFaithViolation: 'deny',
  violationLimit: 3,
  violationWindowMonths: 12,
  restrictionDays: 90,
  freeRidingRestrictionDays: 90,
};

export interface CashAccountHistory extends SettlementLedgerInput {
  readonly policy?: Partial<CashAccountPolicy>;
}

export type CashAccountDenialReason =
  'insufficient_settled_funds' | 'good_faith_violation' | 'free_riding';

export type CashAccountCheckResult = CheckResult<CashAccountDenialReason>;

export interface GoodFaithViolation {
  /** The sale that liquidated the position early. */
  readonly executionId: string;
  readonly symbol: string;
  readonly tradeDate: Date;
  /** Purchases whose funds had not settled when they were sold. */
  readonly purchaseExecutionIds: readonly string[];
  /** When the last of the funds used for those purchases settled. */
  readonly fundsSettleOn: Date;
}

export interface AccountRestriction {
  readonly reason: 'good_faith_violations' | 'free_riding';
  readonly triggeredBy: string;
  readonly from: Date;
  /** First day without the restriction (exclusive end). */
  readonly until: Date;
}

/** Where the account stands on a date: what the rules decide with. */
export interface CashAccountStanding {
  /** Violations in the rolling window that ends on the as-of trade date. */
  readonly violationsInWindow: number;
  /** The restriction in force on the as-of trade date, if any. */
  readonly restriction: AccountRestriction | null;
  /** Settled cash not yet committed to a purchase. */
  readonly settledFundsAvailable: string;
  /** Unsettled sale proceeds not yet committed to a purchase. */
  readonly unsettledFundsAvailable: string;
}

export interface CashAccountState extends CashAccountStanding {
  readonly asOf: Date;
  readonly events: readonly ComplianceEvent[];
  readonly goodFaithViolations: readonly GoodFaithViolation[];
  readonly restrictions: readonly AccountRestriction[];
}

/** A source of cash: the opening balance, or the proceeds of the sales that settle on `settlesOn`. */
export interface Tranche {
  readonly settlesOn: string;
  remaining: Money;
}

/** Shares bought by one execution and still held; `fundedUntil` is set when unsettled funds paid. */
export interface Lot {
  readonly executionId: string;
  remaining: Money;
  readonly fundedUntil: string | null;
}

interface Allocation {
  readonly tranche: Tranche;
  readonly amount: Money;
}

interface LotSlice {
  readonly lot: Lot;
  readonly quantity: Money;
}

/**
 * What a replay carries from one execution to the next: where the cash is (tranches), the shares
 * held and how they were paid for (lots), and the violations and restrictions the rules look back
 * on. Replaying executions one by one into it gives the same answers as a replay of the list.
 */
export interface CashLedger {
  readonly policy: CashAccountPolicy;
  readonly tranches: Tranche[];
  readonly lots: Map<string, Lot[]>;
  readonly violations: GoodFaithViolation[];
  readonly restrictions: AccountRestriction[];
}

const OPENING_SETTLED = '0000-01-01';

/** Replays the account's executions up to `asOf` and reports violations, restrictions and funds. */
export function replayCashAccount(history: CashAccountHistory, asOf: Date): CashAccountState {
  const { ledger, events } = replay(history, asOf);
  return {
    asOf,
    events,
    goodFaithViolations: [...ledger.violations],
    restrictions: [...ledger.restrictions],
    ...cashAccountStanding(ledger, asOf),
  };
}

/** The events `execution` causes when added to the history (post-trade detection). */
export function detectCashAccountEvents(
  history: CashAccountHistory,
  execution: Execution,
): ComplianceEvent[] {
  const withExecution = { ...history, executions: [...history.executions, execution] };
  return replay(withExecution, execution.executedAt).events.filter(
    (event) => event.details.executionId === execution.id,
  );
}

/** Pre-trade check of an order in a cash account against the history so far. */
export function checkCashAccountOrder(
  order: ProposedOrder,
  history: CashAccountHistory,
): CashAccountCheckResult {
  return checkCashLedgerOrder(order, replay(history, order.at).ledger, history.calendar);
}

/** Pre-trade check of an order against a ledger holding every execution up to `order.at`. */
export function checkCashLedgerOrder(
  order: ProposedOrder,
  ledger: CashLedger,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
): CashAccountCheckResult {
  const flow = cashFlowOf(orderAsExecution(order), calendar);
  return flow.side === 'buy' ? checkPurchase(ledger, flow, order) : checkSale(ledger, flow, order);
}

/** Where a ledger holding every execution up to `asOf` stands on the trade date of `asOf`. */
export function cashAccountStanding(ledger: CashLedger, asOf: Date): CashAccountStanding {
  const today = toIsoDate(tradeDate(asOf));
  return {
    violationsInWindow: violationsInWindow(ledger, today),
    restriction: activeRestriction(ledger, today),
    settledFundsAvailable: formatMoney(sumRemaining(settledTranches(ledger, today))),
    unsettledFundsAvailable: formatMoney(sumRemaining(unsettledTranches(ledger, today))),
  };
}

export function openCashLedger(
  openingSettledCash: string,
  policy?: Partial<CashAccountPolicy>,
): CashLedger {
  const resolved = resolvePolicy(policy);
  const opening = parseNonNegative(openingSettledCash, 'openingSettledCash');
  return {
    policy: resolved,
    tranches: [{ settlesOn: OPENING_SETTLED, remaining: opening }],
    lots: new Map(),
    violations: [],
    restrictions: [],
  };
}

/** Applies the next execution's cash flow (in replay order) and returns the events it causes. */
export function applyCashFlow(ledger: CashLedger, flow: CashFlow): ComplianceEvent[] {
  const events: ComplianceEvent[] = [];
  consolidateTranches(ledger, flow.tradeDate);
  mergePaidLots(ledger, flow.symbol, flow.tradeDate);
  if (flow.side === 'buy') applyPurchase(ledger, flow, events);
  else applySale(ledger, flow, events);
  return events;
}

/**
 * Forgets what no trade date from `today` on looks back on: violations older than any rolling
 * window ending then, and restrictions over by then. Only for a ledger that moves forward.
 */
export function forgetExpired(ledger: CashLedger, today: string): void {
  const date = fromIsoDate(today);
  // whole months: a window ending on the 31st can start later than one ending on the 1st after it
  // (a missing day rolls into the next month), but never before the 1st of its start month
  const earliest = toIsoDate(
    new Date(
      Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - ledger.policy.violationWindowMonths, 1),
    ),
  );
  retain(ledger.violations, (violation) => toIsoDate(violation.tradeDate) >= earliest);
  retain(ledger.restrictions, (restriction) => restriction.until > date);
}

/** A copy whose tranches and lots (the parts a replay mutates) are the copy's own. */
export function cloneCashLedger(ledger: CashLedger): CashLedger {
  return {
    policy: ledger.policy,
    tranches: ledger.tranches.map((tranche) => ({ ...tranche })),
    lots: new Map(
      [...ledger.lots].map(([symbol, lots]) => [symbol, lots.map((lot) => ({ ...lot }))]),
    ),
    violations: [...ledger.violations],
    restrictions: [...ledger.restrictions],
  };
}

function replay(
  history: CashAccountHistory,
  asOf: Date,
): { ledger: CashLedger; events: ComplianceEvent[] } {
  const ledger = openCashLedger(history.openingSettledCash, history.policy);
  const events: ComplianceEvent[] = [];
  for (const flow of cashFlowsUpTo(history.executions, asOf, history.calendar)) {
    events.push(...applyCashFlow(ledger, flow));
  }
  return { ledger, events };
}

/**
 * Settled cash is fungible: every tranche settled by `today` is folded into one, and spent
 * unsettled tranches are dropped. Without this the tranches grow with every sale and each
 * purchase scans them all (a replay of 1,000 executions took 200 ms; now it is linear).
 */
function consolidateTranches(ledger: CashLedger, today: string): void {
  let settled = new Money(0);
  const unsettled: Tranche[] = [];
  for (const tranche of ledger.tranches) {
    if (tranche.settlesOn <= today) settled = settled.plus(tranche.remaining);
    else if (!tranche.remaining.isZero()) unsettled.push(tranche);
  }
  ledger.tranches.splice(
    0,
    ledger.tranches.length,
    { settlesOn: OPENING_SETTLED, remaining: settled },
    ...unsettled,
  );
}

/**
 * Shares paid for by `today` can never be sold too early again, so neighbouring ones are one lot:
 * a position built from many fills stays a few lots (only a premature sale names its purchases).
 */
function mergePaidLots(ledger: CashLedger, symbol: string, today: string): void {
  const lots = ledger.lots.get(symbol);
  if (!lots || lots.length < 2) return;
  const merged: Lot[] = [];
  for (const lot of lots) {
    const last = merged.at(-1);
    if (last && isPaid(last, today) && isPaid(lot, today)) {
      merged[merged.length - 1] = {
        executionId: last.executionId,
        remaining: last.remaining.plus(lot.remaining),
        fundedUntil: null,
      };
    } else merged.push(lot);
  }
  ledger.lots.set(symbol, merged);
}

function applyPurchase(ledger: CashLedger, flow: CashFlow, events: ComplianceEvent[]): void {
  const { allocations, shortfall } = planFunding(ledger, flow, false);
  for (const { tranche, amount } of allocations) {
    tranche.remaining = tranche.remaining.minus(amount);
  }
  lotsOf(ledger, flow.symbol).push({
    executionId: flow.executionId,
    remaining: flow.quantity,
    fundedUntil: unsettledFundingDate(allocations, flow.tradeDate),
  });
  if (!shortfall.isZero()) recordFreeRiding(ledger, flow, shortfall, events);
}

function applySale(ledger: CashLedger, flow: CashFlow, events: ComplianceEvent[]): void {
  const slices = planLotSales(lotsOf(ledger, flow.symbol), flow.quantity);
  for (const { lot, quantity } of slices) lot.remaining = lot.remaining.minus(quantity);
  ledger.lots.set(
    flow.symbol,
    lotsOf(ledger, flow.symbol).filter((lot) => !lot.remaining.isZero()),
  );
  const early = prematurelySold(slices, flow.tradeDate);
  if (early.length > 0) recordGoodFaithViolation(ledger, flow, early, events);
  addProceeds(ledger, flow);
}

/** Proceeds settling on the same day are one tranche: which of them pays first changes nothing. */
function addProceeds(ledger: CashLedger, flow: CashFlow): void {
  const sameDay = ledger.tranches.find((tranche) => tranche.settlesOn === flow.settlementDate);
  if (sameDay) sameDay.remaining = sameDay.remaining.plus(flow.amount);
  else ledger.tranches.push({ settlesOn: flow.settlementDate, remaining: flow.amount });
}

/**
 * Pays for a purchase from settled cash first, then (unless `settledOnly`) from unsettled proceeds
 * that settle by the purchase's own settlement date, earliest first. What is left is unfunded.
 */
function planFunding(
  ledger: CashLedger,
  flow: CashFlow,
  settledOnly: boolean,
): { allocations: Allocation[]; shortfall: Money } {
  const settled = settledTranches(ledger, flow.tradeDate);
  const unsettled = settledOnly
    ? []
    : unsettledTranches(ledger, flow.tradeDate).filter(
        (tranche) => tranche.settlesOn <= flow.settlementDate,
      );
  const allocations: Allocation[] = [];
  let due = flow.amount;
  for (const tranche of [...settled, ...sortBySettlement(unsettled)]) {
    if (due.isZero()) break;
    const amount = minMoney(due, tranche.remaining);
    if (amount.isZero()) continue;
    allocations.push({ tranche, amount });
    due = due.minus(amount);
  }
  return { allocations, shortfall: due };
}

/** FIFO: the oldest lots are sold first. Quantity beyond the lots held takes no lot. */
function planLotSales(lots: readonly Lot[], quantity: Money): LotSlice[] {
  const slices: LotSlice[] = [];
  let left = quantity;
  for (const lot of lots) {
    if (left.isZero()) break;
    const sold = minMoney(left, lot.remaining);
    slices.push({ lot, quantity: sold });
    left = left.minus(sold);
  }
  return slices;
}

function prematurelySold(slices: readonly LotSlice[], saleDate: string): Lot[] {
  return slices
    .map((slice) => slice.lot)
    .filter((lot) => lot.fundedUntil !== null && saleDate < lot.fundedUntil);
}

function recordGoodFaithViolation(
  ledger: CashLedger,
  flow: CashFlow,
  lots: readonly Lot[],
  events: ComplianceEvent[],
): void {
  const fundsSettleOn = latest(lots.map((lot) => lot.fundedUntil ?? OPENING_SETTLED));
  ledger.violations.push({
    executionId: flow.executionId,
    symbol: flow.symbol,
    tradeDate: fromIsoDate(flow.tradeDate),
    purchaseExecutionIds: lots.map((lot) => lot.executionId),
    fundsSettleOn: fromIsoDate(fundsSettleOn),
  });
  const count = violationsInWindow(ledger, flow.tradeDate);
  events.push({
    type: 'good_faith_violation',
    symbol: flow.symbol,
    at: flow.executedAt,
    details: {
      executionId: flow.executionId,
      purchaseExecutionIds: lots.map((lot) => lot.executionId),
      fundsSettleOn,
      violationsInWindow: count,
    },
  });
  if (count >= ledger.policy.violationLimit) {
    restrict(ledger, flow, 'good_faith_violations', ledger.policy.restrictionDays, events);
  }
}

function recordFreeRiding(
  ledger: CashLedger,
  flow: CashFlow,
  shortfall: Money,
  events: ComplianceEvent[],
): void {
  events.push({
    type: 'free_riding',
    symbol: flow.symbol,
    at: flow.executedAt,
    details: {
      executionId: flow.executionId,
      cost: formatMoney(flow.amount),
      unfunded: formatMoney(shortfall),
      settlementDate: flow.settlementDate,
    },
  });
  restrict(ledger, flow, 'free_riding', ledger.policy.freeRidingRestrictionDays, events);
}

/** Starts a restriction on the violation's trade date unless one is already in force. */
function restrict(
  ledger: CashLedger,
  flow: CashFlow,
  reason: AccountRestriction['reason'],
  days: number,
  events: ComplianceEvent[],
): void {
  if (activeRestriction(ledger, flow.tradeDate)) return;
  const from = fromIsoDate(flow.tradeDate);
  const restriction = {
    reason,
    triggeredBy: flow.executionId,
    from,
    until: addCalendarDays(from, days),
  };
  ledger.restrictions.push(restriction);
  events.push({
    type: 'restriction_started',
    symbol: flow.symbol,
    at: flow.executedAt,
    details: {
      executionId: flow.executionId,
      reason,
      from: flow.tradeDate,
      until: toIsoDate(restriction.until),
    },
  });
}

function checkPurchase(
  ledger: CashLedger,
  flow: CashFlow,
  order: ProposedOrder,
): CashAccountCheckResult {
  const restriction = activeRestriction(ledger, flow.tradeDate);
  const { shortfall } = planFunding(ledger, flow, restriction !== null);
  if (shortfall.isZero()) return { allowed: true };
  const available = flow.amount.minus(shortfall);
  if (restriction) {
    return deny(order, 'insufficient_settled_funds', {
      message:
        `account restricted to settled-cash purchases until ${toIsoDate(restriction.until)} ` +
        `(${restriction.reason}): order costs ${formatMoney(flow.amount)}, ` +
        `settled cash available ${formatMoney(available)}`,
      cost: formatMoney(flow.amount),
      available: formatMoney(available),
    });
  }
  return deny(order, 'free_riding', {
    message:
      `order costs ${formatMoney(flow.amount)} but only ${formatMoney(available)} will have ` +
      `settled by its settlement date ${flow.settlementDate}: buying would be free-riding`,
    cost: formatMoney(flow.amount),
    available: formatMoney(available),
  });
}

function checkSale(
  ledger: CashLedger,
  flow: CashFlow,
  order: ProposedOrder,
): CashAccountCheckResult {
  const early = prematurelySold(
    planLotSales(lotsOf(ledger, flow.symbol), flow.quantity),
    flow.tradeDate,
  );
  if (early.length === 0) return { allowed: true };
  const settles = latest(early.map((lot) => lot.fundedUntil ?? OPENING_SETTLED));
  const count = violationsInWindow(ledger, flow.tradeDate) + 1;
  const { violationLimit, violationWindowMonths } = ledger.policy;
  const message =
    `selling ${flow.symbol} before ${settles} would be a good-faith violation: it was bought ` +
    `with proceeds that settle on ${settles} (violation ${count} of ${violationLimit} allowed ` +
    `in ${violationWindowMonths} months before a restriction)`;
  if (ledger.policy.goodFaithViolation === 'warn') {
    return { allowed: true, warning: { reason: 'good_faith_violation', message } };
  }
  return deny(order, 'good_faith_violation', { message, fundsSettleOn: settles });
}

function deny(
  order: ProposedOrder,
  reason: CashAccountDenialReason,
  details: { message: string } & Record<string, string>,
): CashAccountCheckResult {
  const { message, ...rest } = details;
  return {
    allowed: false,
    reason,
    message,
    event: {
      type: 'cash_order_blocked',
      symbol: order.symbol,
      at: order.at,
      details: { reason, side: order.side, quantity: order.quantity, price: order.price, ...rest },
    },
  };
}

function violationsInWindow(ledger: CashLedger, today: string): number {
  const windowStart = toIsoDate(
    addCalendarMonths(fromIsoDate(today), -ledger.policy.violationWindowMonths),
  );
  return ledger.violations.filter((violation) => {
    const date = toIsoDate(violation.tradeDate);
    return date > windowStart && date <= today;
  }).length;
}

function activeRestriction(ledger: CashLedger, today: string): AccountRestriction | null {
  const date = fromIsoDate(today);
  return (
    ledger.restrictions.find(
      (restriction) => restriction.from <= date && date < restriction.until,
    ) ?? null
  );
}

function settledTranches(ledger: CashLedger, today: string): Tranche[] {
  return ledger.tranches.filter((tranche) => tranche.settlesOn <= today);
}

function unsettledTranches(ledger: CashLedger, today: string): Tranche[] {
  return ledger.tranches.filter((tranche) => tranche.settlesOn > today);
}

function unsettledFundingDate(allocations: readonly Allocation[], today: string): string | null {
  const dates = allocations
    .map(({ tranche }) => tranche.settlesOn)
    .filter((settlesOn) => settlesOn > today);
  return dates.length > 0 ? latest(dates) : null;
}

function lotsOf(ledger: CashLedger, symbol: string): Lot[] {
  let lots = ledger.lots.get(symbol);
  if (!lots) {
    lots = [];
    ledger.lots.set(symbol, lots);
  }
  return lots;
}

function resolvePolicy(overrides: Partial<CashAccountPolicy> | undefined): CashAccountPolicy {
  const policy = { ...DEFAULT_CASH_ACCOUNT_POLICY, ...overrides };
  const counts = [
    policy.violationLimit,
    policy.violationWindowMonths,
    policy.restrictionDays,
    policy.freeRidingRestrictionDays,
  ];
  if (!counts.every((value) => Number.isInteger(value) && value > 0)) {
    throw new ComplianceInputError('cash-account policy limits must be positive integers');
  }
  return policy;
}

const isPaid = (lot: Lot, today: string): boolean =>
  lot.fundedUntil === null || lot.fundedUntil <= today;

function retain<T>(items: T[], keep: (item: T) => boolean): void {
  items.splice(0, items.length, ...items.filter(keep));
}

const sortBySettlement = (tranches: readonly Tranche[]): Tranche[] =>
  [...tranches].sort((a, b) =>
    a.settlesOn < b.settlesOn ? -1 : a.settlesOn > b.settlesOn ? 1 : 0,
  );

const sumRemaining = (tranches: readonly Tranche[]): Money =>
  sumMoney(tranches.map((tranche) => tranche.remaining));

const latest = (dates: readonly string[]): string =>
  dates.reduce((max, date) => (date > max ? date : max));

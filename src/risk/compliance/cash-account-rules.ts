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

export interface CashAccountState {
  readonly asOf: Date;
  readonly events: readonly ComplianceEvent[];
  readonly goodFaithViolations: readonly GoodFaithViolation[];
  /** Violations in the rolling window that ends on the as-of trade date. */
  readonly violationsInWindow: number;
  /** The restriction in force on the as-of trade date, if any. */
  readonly restriction: AccountRestriction | null;
  readonly restrictions: readonly AccountRestriction[];
  /** Settled cash not yet committed to a purchase. */
  readonly settledFundsAvailable: string;
  /** Unsettled sale proceeds not yet committed to a purchase. */
  readonly unsettledFundsAvailable: string;
}

/** A source of cash: the opening balance or one sale's proceeds, settled from `settlesOn`. */
interface Tranche {
  readonly settlesOn: string;
  remaining: Money;
}

/** Shares bought by one execution and still held; `fundedUntil` is set when unsettled funds paid. */
interface Lot {
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

interface Ledger {
  readonly policy: CashAccountPolicy;
  readonly tranches: Tranche[];
  readonly lots: Map<string, Lot[]>;
  readonly violations: GoodFaithViolation[];
  readonly restrictions: AccountRestriction[];
  readonly events: ComplianceEvent[];
}

const OPENING_SETTLED = '0000-01-01';

/** Replays the account's executions up to `asOf` and reports violations, restrictions and funds. */
export function replayCashAccount(history: CashAccountHistory, asOf: Date): CashAccountState {
  const ledger = replay(history, asOf);
  const today = toIsoDate(tradeDate(asOf));
  return {
    asOf,
    events: [...ledger.events],
    goodFaithViolations: [...ledger.violations],
    violationsInWindow: violationsInWindow(ledger, today),
    restriction: activeRestriction(ledger, today),
    restrictions: [...ledger.restrictions],
    settledFundsAvailable: formatMoney(sumRemaining(settledTranches(ledger, today))),
    unsettledFundsAvailable: formatMoney(sumRemaining(unsettledTranches(ledger, today))),
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
  const ledger = replay(history, order.at);
  const flow = cashFlowOf(orderAsExecution(order), history.calendar ?? US_EQUITY_CALENDAR);
  return flow.side === 'buy' ? checkPurchase(ledger, flow, order) : checkSale(ledger, flow, order);
}

function replay(history: CashAccountHistory, asOf: Date): Ledger {
  const policy = resolvePolicy(history.policy);
  const calendar = history.calendar ?? US_EQUITY_CALENDAR;
  const flows = cashFlowsUpTo(history.executions, asOf, calendar);
  const key = { opening: history.openingSettledCash, policy: JSON.stringify(policy), calendar };
  const resumed = resume(lastReplay, key, flows);
  const ledger = resumed?.ledger ?? openLedger(history.openingSettledCash, policy);
  for (const flow of flows.slice(resumed?.applied ?? 0)) {
    consolidateTranches(ledger, flow.tradeDate);
    if (flow.side === 'buy') applyPurchase(ledger, flow);
    else applySale(ledger, flow);
  }
  lastReplay = { ...key, flows, ledger: cloneLedger(ledger) };
  return ledger;
}

function openLedger(openingSettledCash: string, policy: CashAccountPolicy): Ledger {
  const opening = parseNonNegative(openingSettledCash, 'openingSettledCash');
  return {
    policy,
    tranches: [{ settlesOn: OPENING_SETTLED, remaining: opening }],
    lots: new Map(),
    violations: [],
    restrictions: [],
    events: [],
  };
}

interface ReplayKey {
  readonly opening: string;
  readonly policy: string;
  readonly calendar: BusinessCalendar;
}

/**
 * The last replay's end state. Checks come one after the other over a history that only grows
 * (the compliance service passes the same Execution objects, so the same CashFlow objects): the
 * next replay continues from here instead of from the first fill. Anything else starts afresh.
 */
let lastReplay: (ReplayKey & { flows: readonly CashFlow[]; ledger: Ledger }) | undefined;

function resume(
  last: typeof lastReplay,
  key: ReplayKey,
  flows: readonly CashFlow[],
): { ledger: Ledger; applied: number } | undefined {
  if (
    !last ||
    last.opening !== key.opening ||
    last.policy !== key.policy ||
    last.calendar !== key.calendar ||
    last.flows.length > flows.length
  )
    return undefined;
  for (let i = 0; i < last.flows.length; i++) if (last.flows[i] !== flows[i]) return undefined;
  return { ledger: cloneLedger(last.ledger), applied: last.flows.length };
}

/** A copy whose tranches and lots (the parts a replay mutates) are the copy's own. */
function cloneLedger(ledger: Ledger): Ledger {
  return {
    policy: ledger.policy,
    tranches: ledger.tranches.map((tranche) => ({ ...tranche })),
    lots: new Map(
      [...ledger.lots].map(([symbol, lots]) => [symbol, lots.map((lot) => ({ ...lot }))]),
    ),
    violations: [...ledger.violations],
    restrictions: [...ledger.restrictions],
    events: [...ledger.events],
  };
}

/**
 * Settled cash is fungible: every tranche settled by `today` is folded into one, and spent
 * unsettled tranches are dropped. Without this the tranches grow with every sale and each
 * purchase scans them all (a replay of 1,000 executions took 200 ms; now it is linear).
 */
function consolidateTranches(ledger: Ledger, today: string): void {
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

function applyPurchase(ledger: Ledger, flow: CashFlow): void {
  const { allocations, shortfall } = planFunding(ledger, flow, false);
  for (const { tranche, amount } of allocations) {
    tranche.remaining = tranche.remaining.minus(amount);
  }
  lotsOf(ledger, flow.symbol).push({
    executionId: flow.executionId,
    remaining: flow.quantity,
    fundedUntil: unsettledFundingDate(allocations, flow.tradeDate),
  });
  if (!shortfall.isZero()) recordFreeRiding(ledger, flow, shortfall);
}

function applySale(ledger: Ledger, flow: CashFlow): void {
  const slices = planLotSales(lotsOf(ledger, flow.symbol), flow.quantity);
  for (const { lot, quantity } of slices) lot.remaining = lot.remaining.minus(quantity);
  ledger.lots.set(
    flow.symbol,
    lotsOf(ledger, flow.symbol).filter((lot) => !lot.remaining.isZero()),
  );
  const early = prematurelySold(slices, flow.tradeDate);
  if (early.length > 0) recordGoodFaithViolation(ledger, flow, early);
  ledger.tranches.push({ settlesOn: flow.settlementDate, remaining: flow.amount });
}

/**
 * Pays for a purchase from settled cash first, then (unless `settledOnly`) from unsettled proceeds
 * that settle by the purchase's own settlement date, earliest first. What is left is unfunded.
 */
function planFunding(
  ledger: Ledger,
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

function recordGoodFaithViolation(ledger: Ledger, flow: CashFlow, lots: readonly Lot[]): void {
  const fundsSettleOn = latest(lots.map((lot) => lot.fundedUntil ?? OPENING_SETTLED));
  ledger.violations.push({
    executionId: flow.executionId,
    symbol: flow.symbol,
    tradeDate: fromIsoDate(flow.tradeDate),
    purchaseExecutionIds: lots.map((lot) => lot.executionId),
    fundsSettleOn: fromIsoDate(fundsSettleOn),
  });
  const count = violationsInWindow(ledger, flow.tradeDate);
  ledger.events.push({
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
    restrict(ledger, flow, 'good_faith_violations', ledger.policy.restrictionDays);
  }
}

function recordFreeRiding(ledger: Ledger, flow: CashFlow, shortfall: Money): void {
  ledger.events.push({
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
  restrict(ledger, flow, 'free_riding', ledger.policy.freeRidingRestrictionDays);
}

/** Starts a restriction on the violation's trade date unless one is already in force. */
function restrict(
  ledger: Ledger,
  flow: CashFlow,
  reason: AccountRestriction['reason'],
  days: number,
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
  ledger.events.push({
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
  ledger: Ledger,
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

function checkSale(ledger: Ledger, flow: CashFlow, order: ProposedOrder): CashAccountCheckResult {
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

function violationsInWindow(ledger: Ledger, today: string): number {
  const windowStart = toIsoDate(
    addCalendarMonths(fromIsoDate(today), -ledger.policy.violationWindowMonths),
  );
  return ledger.violations.filter((violation) => {
    const date = toIsoDate(violation.tradeDate);
    return date > windowStart && date <= today;
  }).length;
}

function activeRestriction(ledger: Ledger, today: string): AccountRestriction | null {
  const date = fromIsoDate(today);
  return (
    ledger.restrictions.find(
      (restriction) => restriction.from <= date && date < restriction.until,
    ) ?? null
  );
}

function settledTranches(ledger: Ledger, today: string): Tranche[] {
  return ledger.tranches.filter((tranche) => tranche.settlesOn <= today);
}

function unsettledTranches(ledger: Ledger, today: string): Tranche[] {
  return ledger.tranches.filter((tranche) => tranche.settlesOn > today);
}

function unsettledFundingDate(allocations: readonly Allocation[], today: string): string | null {
  const dates = allocations
    .map(({ tranche }) => tranche.settlesOn)
    .filter((settlesOn) => settlesOn > today);
  return dates.length > 0 ? latest(dates) : null;
}

function lotsOf(ledger: Ledger, symbol: string): Lot[] {
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

const sortBySettlement = (tranches: readonly Tranche[]): Tranche[] =>
  [...tranches].sort((a, b) =>
    a.settlesOn < b.settlesOn ? -1 : a.settlesOn > b.settlesOn ? 1 : 0,
  );

const sumRemaining = (tranches: readonly Tranche[]): Money =>
  sumMoney(tranches.map((tranche) => tranche.remaining));

const latest = (dates: readonly string[]): string =>
  dates.reduce((max, date) => (date > max ? date : max));

import {
  addBusinessDays,
  BusinessCalendar,
  businessDayOnOrBefore,
  fromIsoDate,
  toIsoDate,
  tradeDate,
  US_EQUITY_CALENDAR,
} from './business-calendar';
import { CalendarRangeError, ComplianceInputError, PdtPolicyError } from './compliance.errors';
import { CheckResult, Execution, ProposedOrder, Side } from './compliance.interface';
import { formatMoney, minMoney, Money, parseMoney, parseNonNegative, parsePositive } from './money';
import { executionsUpTo, orderAsExecution } from './settlement-ledger';

export type PdtRule = 'finra_4210_pdt' | 'intraday_margin' | 'none';

/**
 * Which day-trading rule a broker applies, and from when. Dates are calendar dates (00:00 UTC)
 * compared with an order's New York trade date: `effectiveFrom` inclusive, `effectiveTo` exclusive.
 */
export interface PdtPolicy {
  readonly broker: string;
  readonly rule: PdtRule;
  readonly effectiveFrom: Date;
  readonly effectiveTo?: Date;
}

/** NASD Rule 2520 (now FINRA Rule 4210(f)(8)(B)) pattern-day-trader amendments took effect. */
export const FINRA_PDT_EFFECTIVE_DATE = fromIsoDate('2001-09-28');
/** SR-FINRA-2025-017 (intraday margin standards) takes effect (FINRA Regulatory Notice 26-10). */
export const FINRA_INTRADAY_MARGIN_EFFECTIVE_DATE = fromIsoDate('2026-06-04');
/** Last day of the phase-in during which a member may still apply the old day-trading rules. */
export const FINRA_INTRADAY_MARGIN_PHASE_IN_END = fromIsoDate('2027-10-20');

export interface PdtSettings {
  /** Equity at or above which pattern day trading is permitted (Rule 4210(f)(8)(B)(iv)). */
  readonly minimumEquity: string;
  /** Day trades allowed in the window; one more makes a pattern day trader. */
  readonly dayTradeLimit: number;
  readonly windowBusinessDays: number;
  /** Day trades must exceed this share of all trades in the window to count as a pattern. */
  readonly dayTradeShare: string;
  /** Intraday buying power = equity × this (4 ⇔ 25 % maintenance margin on long equities). */
  readonly intradayMarginMultiplier: string;
}

export const DEFAULT_PDT_SETTINGS: PdtSettings = {
  minimumEquity: '25000',
  dayTradeLimit: 3,
  windowBusinessDays: 5,
  dayTradeShare: '0.06',
  intradayMarginMultiplier: '4',
};

export interface PdtContext {
  readonly broker: string;
  readonly accountType: 'cash' | 'margin';
  /** Account equity (decimal string). */
  readonly equity: string;
  /** Market value of open positions, longs plus absolute shorts (for the intraday margin rule). */
  readonly grossPositionValue: string;
  /** The history up to the order — or, instead, `dayTrades` tracked up to it. */
  readonly executions?: readonly Execution[];
  readonly dayTrades?: DayTradeTracker;
  readonly policies: readonly PdtPolicy[];
  readonly calendar?: BusinessCalendar;
  readonly settings?: Partial<PdtSettings>;
}

export type PdtDenialReason = 'pdt_limit' | 'intraday_margin_deficit';
export type PdtCheckResult = CheckResult<PdtDenialReason> & { readonly policy: PdtPolicy };

export interface DayTrade {
  readonly symbol: string;
  readonly tradeDate: Date;
  readonly openingExecutionId: string;
  readonly closingExecutionId: string;
}

export interface DayTradeCount {
  readonly dayTrades: number;
  /** Executions in the window, the denominator of the 6 % test. */
  readonly totalTrades: number;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly trades: readonly DayTrade[];
  /** Symbols opened on the as-of trade date whose closing today would be another day trade. */
  readonly pendingRoundTrips: readonly string[];
}

/** Per symbol: the running position and what of it was opened on `date`. */
export interface SymbolDay {
  date: string;
  position: Money;
  openedLong: Money;
  openedShort: Money;
  lastSide: Side | null;
  lastOpeningId: string;
}

interface Window {
  readonly start: string;
  readonly end: string;
}

/** Executions and day trades of one trade date. */
export interface DayTally {
  trades: number;
  dayTrades: number;
}

/**
 * What counting day trades carries from one execution to the next: each symbol's position and what
 * of it was opened on its last trade date, and the tallies of the trade dates that a window ending
 * on the newest one (or later) still reaches. Tracking executions one by one into it gives the
 * same counts as `countDayTrades` over the list.
 */
export interface DayTradeTracker {
  readonly calendar: BusinessCalendar;
  readonly windowBusinessDays: number;
  readonly symbols: Map<string, SymbolDay>;
  /** In date order. */
  readonly days: Map<string, DayTally>;
}

type DayTradeTotals = Omit<DayTradeCount, 'trades'>;

export function validatePdtPolicies(policies: readonly PdtPolicy[]): void {
  for (const policy of policies) assertPolicyShape(policy);
  for (const broker of new Set(policies.map((policy) => policy.broker))) {
    const rows = policies
      .filter((policy) => policy.broker === broker)
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
    rows.slice(1).forEach((row, index) => assertNoOverlap(rows[index], row));
  }
}

/** The policy in force for `broker` on the New York trade date of `at`. */
export function resolvePdtPolicy(
  policies: readonly PdtPolicy[],
  broker: string,
  at: Date,
): PdtPolicy {
  validatePdtPolicies(policies);
  const day = toIsoDate(tradeDate(at));
  const policy = policies.find((row) => row.broker === broker && coversDay(row, day));
  if (!policy) throw new PdtPolicyError(`no PDT policy for broker "${broker}" on ${day}`);
  return policy;
}

/**
 * The FINRA timeline for one broker: Rule 4210 PDT until the broker switches to the intraday
 * margin standard, which it may do from the effective date to the end of the phase-in.
 */
export function finraTransitionPolicies(
  broker: string,
  intradayMarginFrom: Date = FINRA_INTRADAY_MARGIN_EFFECTIVE_DATE,
): PdtPolicy[] {
  const switchDay = toIsoDate(intradayMarginFrom);
  const earliest = toIsoDate(FINRA_INTRADAY_MARGIN_EFFECTIVE_DATE);
  const latest = toIsoDate(FINRA_INTRADAY_MARGIN_PHASE_IN_END);
  if (switchDay < earliest || switchDay > latest) {
    throw new PdtPolicyError(`intraday margin must start between ${earliest} and ${latest}`);
  }
  const from = fromIsoDate(switchDay);
  return [
    { broker, rule: 'finra_4210_pdt', effectiveFrom: FINRA_PDT_EFFECTIVE_DATE, effectiveTo: from },
    { broker, rule: 'intraday_margin', effectiveFrom: from },
  ];
}

/**
 * Day trades in the `windowBusinessDays` business days ending on the as-of trade date (or the
 * last business day before it). A day trade is closing, on the same trade date, a position opened
 * that day; it is counted once per change of direction (Regulatory Notice 21-13), and a position
 * held overnight and closed before any new opening trade is not one.
 */
export function countDayTrades(
  executions: readonly Execution[],
  asOf: Date,
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
  windowBusinessDays = DEFAULT_PDT_SETTINGS.windowBusinessDays,
): DayTradeCount {
  const tracker = openDayTradeTracker(calendar, windowBusinessDays);
  const window = tradingWindow(asOf, calendar, windowBusinessDays);
  const trades: DayTrade[] = [];
  for (const execution of executionsUpTo(executions, asOf)) {
    const trade = trackExecution(tracker, execution);
    if (trade && inWindow(toIsoDate(trade.tradeDate), window)) trades.push(trade);
  }
  return { ...dayTradeTotals(tracker, asOf), trades };
}

export function openDayTradeTracker(
  calendar: BusinessCalendar = US_EQUITY_CALENDAR,
  windowBusinessDays = DEFAULT_PDT_SETTINGS.windowBusinessDays,
): DayTradeTracker {
  assertWindowSize(windowBusinessDays);
  return { calendar, windowBusinessDays, symbols: new Map(), days: new Map() };
}

/** Tracks the next execution (in replay order); returns the day trade it completes, if any. */
export function trackExecution(tracker: DayTradeTracker, execution: Execution): DayTrade | null {
  const day = toIsoDate(tradeDate(execution.executedAt));
  let tally = tracker.days.get(day);
  if (!tally) {
    forgetDaysBefore(tracker, day);
    tracker.days.set(day, (tally = { trades: 0, dayTrades: 0 }));
  }
  const dayTrade = applyExecution(symbolDay(tracker.symbols, execution.symbol, day), execution);
  tally.trades += 1;
  if (dayTrade) tally.dayTrades += 1;
  return dayTrade;
}

export function cloneDayTradeTracker(tracker: DayTradeTracker): DayTradeTracker {
  return {
    calendar: tracker.calendar,
    windowBusinessDays: tracker.windowBusinessDays,
    symbols: new Map([...tracker.symbols].map(([symbol, day]) => [symbol, { ...day }])),
    days: new Map([...tracker.days].map(([date, tally]) => [date, { ...tally }])),
  };
}

/** Pre-trade check of the broker's day-trading rule in force when the order would execute. */
export function checkPdt(order: ProposedOrder, context: PdtContext): PdtCheckResult {
  const policy = resolvePdtPolicy(context.policies, context.broker, order.at);
  if (context.accountType === 'cash' || policy.rule === 'none') return { allowed: true, policy };
  const settings = resolveSettings(context.settings);
  return policy.rule === 'finra_4210_pdt'
    ? checkDayTradeLimit(order, context, policy, settings)
    : checkIntradayMargin(order, context, policy, settings);
}

function checkDayTradeLimit(
  order: ProposedOrder,
  context: PdtContext,
  policy: PdtPolicy,
  settings: PdtSettings,
): PdtCheckResult {
  const equity = parseMoney(context.equity, 'equity');
  const minimumEquity = parseNonNegative(settings.minimumEquity, 'minimumEquity');
  if (equity.greaterThanOrEqualTo(minimumEquity)) return { allowed: true, policy };
  const tracker = dayTradesOf(context, order.at, settings);
  const before = dayTradeTotals(tracker, order.at);
  const withOrder = cloneDayTradeTracker(tracker);
  trackExecution(withOrder, orderAsExecution(order));
  const after = dayTradeTotals(withOrder, order.at);
  const kind = violationKind(before, after, settings);
  if (!kind) return { allowed: true, policy };
  const projected = after.dayTrades + (kind === 'opening' ? after.pendingRoundTrips.length : 0);
  return {
    allowed: false,
    reason: 'pdt_limit',
    message: pdtMessage(order, kind, before, settings, equity),
    policy,
    event: {
      type: 'pdt_avoided',
      symbol: order.symbol,
      at: order.at,
      details: {
        broker: policy.broker,
        rule: policy.rule,
        order: kind,
        side: order.side,
        dayTrades: before.dayTrades,
        projectedDayTrades: projected,
        windowStart: toIsoDate(before.windowStart),
        windowEnd: toIsoDate(before.windowEnd),
        equity: formatMoney(equity),
        minimumEquity: formatMoney(minimumEquity),
      },
    },
  };
}

/**
 * 'closing': the order is itself the day trade that would make a pattern. 'opening': the order
 * opens a round trip that, closed today, would — counting every round trip already open today.
 */
function violationKind(
  before: DayTradeTotals,
  after: DayTradeTotals,
  settings: PdtSettings,
): 'closing' | 'opening' | null {
  if (
    after.dayTrades > before.dayTrades &&
    isPattern(after.dayTrades, after.totalTrades, settings)
  ) {
    return 'closing';
  }
  const pendingBefore = before.dayTrades + before.pendingRoundTrips.length;
  const pendingAfter = after.dayTrades + after.pendingRoundTrips.length;
  const total = after.totalTrades + after.pendingRoundTrips.length;
  return pendingAfter > pendingBefore && isPattern(pendingAfter, total, settings)
    ? 'opening'
    : null;
}

function isPattern(dayTrades: number, totalTrades: number, settings: PdtSettings): boolean {
  if (dayTrades <= settings.dayTradeLimit || totalTrades === 0) return false;
  const share = parseNonNegative(settings.dayTradeShare, 'dayTradeShare');
  return new Money(dayTrades).dividedBy(totalTrades).greaterThan(share);
}

function pdtMessage(
  order: ProposedOrder,
  kind: 'closing' | 'opening',
  before: DayTradeTotals,
  settings: PdtSettings,
  equity: Money,
): string {
  const what =
    kind === 'closing'
      ? `closing ${order.symbol} today would be day trade ${before.dayTrades + 1}`
      : `opening ${order.symbol} could only be closed today as day trade ` +
        `${before.dayTrades + before.pendingRoundTrips.length + 1}`;
  return (
    `${what} in ${settings.windowBusinessDays} business days ` +
    `(${toIsoDate(before.windowStart)}..${toIsoDate(before.windowEnd)}); equity ` +
    `${formatMoney(equity)} is under ${settings.minimumEquity}, so the account would become a ` +
    `pattern day trader (FINRA Rule 4210)`
  );
}

/** Simplified intraday margin: gross exposure after the order may not exceed equity × multiplier. */
function checkIntradayMargin(
  order: ProposedOrder,
  context: PdtContext,
  policy: PdtPolicy,
  settings: PdtSettings,
): PdtCheckResult {
  const quantity = parsePositive(order.quantity, 'order quantity');
  const price = parseNonNegative(order.price, 'order price');
  const position =
    dayTradesOf(context, order.at, settings).symbols.get(order.symbol)?.position ?? new Money(0);
  const closing = minMoney(
    quantity,
    order.side === 'buy' ? negativePart(position) : positivePart(position),
  );
  const opening = quantity.minus(closing);
  if (opening.isZero()) return { allowed: true, policy };
  const equity = parseMoney(context.equity, 'equity');
  const multiplier = parsePositive(settings.intradayMarginMultiplier, 'intradayMarginMultiplier');
  const buyingPower = equity.times(multiplier);
  const current = parseNonNegative(context.grossPositionValue, 'grossPositionValue');
  const exposure = current.minus(closing.times(price)).plus(opening.times(price));
  if (exposure.lessThanOrEqualTo(buyingPower)) return { allowed: true, policy };
  return {
    allowed: false,
    reason: 'intraday_margin_deficit',
    message:
      `exposure after the order ${formatMoney(exposure)} would exceed intraday buying power ` +
      `${formatMoney(buyingPower)} (equity ${formatMoney(equity)} × ${formatMoney(multiplier)})`,
    policy,
    event: {
      type: 'intraday_margin_blocked',
      symbol: order.symbol,
      at: order.at,
      details: {
        broker: policy.broker,
        rule: policy.rule,
        side: order.side,
        equity: formatMoney(equity),
        multiplier: formatMoney(multiplier),
        buyingPower: formatMoney(buyingPower),
        grossPositionValue: formatMoney(current),
        exposureAfter: formatMoney(exposure),
      },
    },
  };
}

/** The tracker of the context, or one over its executions up to `at`. */
function dayTradesOf(context: PdtContext, at: Date, settings: PdtSettings): DayTradeTracker {
  const calendar = context.calendar ?? US_EQUITY_CALENDAR;
  const { dayTrades } = context;
  if (dayTrades) {
    if (
      dayTrades.calendar !== calendar ||
      dayTrades.windowBusinessDays !== settings.windowBusinessDays
    )
      throw new ComplianceInputError('the day-trade tracker has another calendar or window');
    return dayTrades;
  }
  if (!context.executions) throw new ComplianceInputError('PDT context without executions');
  const tracker = openDayTradeTracker(calendar, settings.windowBusinessDays);
  for (const execution of executionsUpTo(context.executions, at))
    trackExecution(tracker, execution);
  return tracker;
}

function dayTradeTotals(tracker: DayTradeTracker, asOf: Date): DayTradeTotals {
  const window = tradingWindow(asOf, tracker.calendar, tracker.windowBusinessDays);
  let dayTrades = 0;
  let totalTrades = 0;
  for (const [date, tally] of tracker.days) {
    if (!inWindow(date, window)) continue;
    dayTrades += tally.dayTrades;
    totalTrades += tally.trades;
  }
  const today = toIsoDate(tradeDate(asOf));
  return {
    dayTrades,
    totalTrades,
    windowStart: fromIsoDate(window.start),
    windowEnd: fromIsoDate(window.end),
    pendingRoundTrips: [...tracker.symbols]
      .filter(([, state]) => state.date === today && hasOpenRoundTrip(state))
      .map(([symbol]) => symbol),
  };
}

/** Drops the tallies of dates before any window ending on `day` or later. */
function forgetDaysBefore(tracker: DayTradeTracker, day: string): void {
  let start: string;
  try {
    start = windowEndingOn(fromIsoDate(day), tracker.calendar, tracker.windowBusinessDays).start;
  } catch (error) {
    // outside the holiday table nothing is forgotten: the count there fails anyway
    if (error instanceof CalendarRangeError) return;
    throw error;
  }
  for (const date of tracker.days.keys()) {
    if (date >= start) break;
    tracker.days.delete(date);
  }
}

function tradingWindow(asOf: Date, calendar: BusinessCalendar, businessDays: number): Window {
  return windowEndingOn(tradeDate(asOf), calendar, businessDays);
}

/** The `businessDays` business days ending on `day` (or the last business day before it). */
function windowEndingOn(day: Date, calendar: BusinessCalendar, businessDays: number): Window {
  assertWindowSize(businessDays);
  const end = businessDayOnOrBefore(day, calendar);
  const start = addBusinessDays(end, -(businessDays - 1), calendar);
  return { start: toIsoDate(start), end: toIsoDate(end) };
}

function assertWindowSize(businessDays: number): void {
  if (!Number.isInteger(businessDays) || businessDays < 1) {
    throw new ComplianceInputError(`window must be a positive number of business days`);
  }
}

const inWindow = (date: string, window: Window): boolean =>
  date >= window.start && date <= window.end;

function symbolDay(days: Map<string, SymbolDay>, symbol: string, date: string): SymbolDay {
  const state = days.get(symbol);
  if (state && state.date === date) return state;
  const fresh: SymbolDay = {
    date,
    position: state?.position ?? new Money(0),
    openedLong: new Money(0),
    openedShort: new Money(0),
    lastSide: null,
    lastOpeningId: '',
  };
  days.set(symbol, fresh);
  return fresh;
}

/** Updates the symbol's day and returns the day trade this execution completes, if any. */
function applyExecution(state: SymbolDay, execution: Execution): DayTrade | null {
  const quantity = parsePositive(execution.quantity, `execution ${execution.id} quantity`);
  const buying = execution.side === 'buy';
  const held = buying ? negativePart(state.position) : positivePart(state.position);
  const closing = minMoney(quantity, held);
  const openedToday = buying ? state.openedShort : state.openedLong;
  const closingToday = minMoney(closing, openedToday);
  const changedDirection = state.lastSide !== null && state.lastSide !== execution.side;
  const dayTrade =
    !closingToday.isZero() && changedDirection
      ? {
          symbol: execution.symbol,
          tradeDate: fromIsoDate(state.date),
          openingExecutionId: state.lastOpeningId,
          closingExecutionId: execution.id,
        }
      : null;
  const opening = quantity.minus(closing);
  if (buying) {
    state.openedShort = state.openedShort.minus(closingToday);
    state.openedLong = state.openedLong.plus(opening);
  } else {
    state.openedLong = state.openedLong.minus(closingToday);
    state.openedShort = state.openedShort.plus(opening);
  }
  state.position = buying ? state.position.plus(quantity) : state.position.minus(quantity);
  if (!opening.isZero()) state.lastOpeningId = execution.id;
  state.lastSide = execution.side;
  return dayTrade;
}

function hasOpenRoundTrip(state: SymbolDay): boolean {
  if (state.lastSide === 'buy') return !state.openedLong.isZero();
  if (state.lastSide === 'sell') return !state.openedShort.isZero();
  return false;
}

function resolveSettings(overrides: Partial<PdtSettings> | undefined): PdtSettings {
  const settings = { ...DEFAULT_PDT_SETTINGS, ...overrides };
  if (!Number.isInteger(settings.dayTradeLimit) || settings.dayTradeLimit < 0) {
    throw new ComplianceInputError('dayTradeLimit must be a non-negative integer');
  }
  return settings;
}

function coversDay(policy: PdtPolicy, day: string): boolean {
  const from = toIsoDate(policy.effectiveFrom);
  const to = policy.effectiveTo ? toIsoDate(policy.effectiveTo) : null;
  return from <= day && (to === null || day < to);
}

function assertPolicyShape(policy: PdtPolicy): void {
  if (!policy.broker) throw new PdtPolicyError('a PDT policy needs a broker');
  const from = toIsoDate(policy.effectiveFrom);
  if (policy.effectiveTo && toIsoDate(policy.effectiveTo) <= from) {
    throw new PdtPolicyError(`policy for "${policy.broker}" from ${from} ends before it starts`);
  }
}

function assertNoOverlap(earlier: PdtPolicy, later: PdtPolicy): void {
  const laterFrom = toIsoDate(later.effectiveFrom);
  if (!earlier.effectiveTo || toIsoDate(earlier.effectiveTo) > laterFrom) {
    throw new PdtPolicyError(`PDT policies for "${later.broker}" overlap on ${laterFrom}`);
  }
}

const positivePart = (value: Money): Money => (value.isPositive() ? value : new Money(0));
const negativePart = (value: Money): Money => (value.isNegative() ? value.negated() : new Money(0));

/** Expressions and panels more than one dashboard shows the same way. */
import { query, Step, valueText } from './panels';
import { gauge, sel, sumRate } from './query';

/**
 * The trading state as one number: 0 active, 1 reducing, 2 halted. `trading_state` is one-hot per
 * instance; the worst state across instances wins.
 */
export const TRADING_STATE = `max(2 * ${sel('trading_state', 'state="halted"')} or ${sel(
  'trading_state',
  'state="reducing"',
)} or 0 * ${sel('trading_state', 'state="active"')})`;

export const TRADING_STATE_MAPPINGS = valueText({
  0: ['ACTIVE', 'green'],
  1: ['REDUCING', 'orange'],
  2: ['HALTED', 'red'],
});

export const UP_DOWN_MAPPINGS = valueText({ 0: ['DOWN', 'red'], 1: ['UP', 'green'] });

/** Seconds since the last completed trading cycle (the leader's heartbeat). */
export const HEARTBEAT_AGE = `time() - ${gauge('max', 'trading_loop_heartbeat_timestamp_seconds')}`;

/**
 * part / whole, and 0 (not "No data") while the part has no series yet — e.g. no 5xx so far. Both
 * sides must be aggregated by the same labels.
 */
export const ratioOrZero = (part: string, whole: string): string =>
  `(${part} or ${whole} * 0) / ${whole}`;

/** Share of requests answered with a 5xx. */
export const HTTP_5XX_RATIO = (by: readonly string[] = [], ...matchers: string[]): string =>
  ratioOrZero(
    sumRate('http_requests_total', by, 'status_code=~"5.."', ...matchers),
    sumRate('http_requests_total', by, ...matchers),
  );

/** Money gauges are in the account's quote currency, USD for the US equity account. */
export const MONEY = 'currencyUSD';

/** Money in a stat panel: red below 0, green from 0. */
export const RED_BELOW_ZERO: readonly Step[] = [
  ['red', null],
  ['green', 0],
];

/** Money over time: a red zone below 0, drawn as a line (use with `thresholdLines`). */
export const LOSS_ZONE: readonly Step[] = [
  ['red', null],
  ['transparent', 0],
];

/** The account's equity and cash, as two series of one panel. */
export const EQUITY_AND_CASH = [
  query(gauge('max', 'portfolio_value'), 'equity'),
  query(gauge('max', 'portfolio_cash'), 'cash'),
];

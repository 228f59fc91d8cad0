/**
 * PromQL building blocks. Every selector is scoped to the tradewatch scrape job and the
 * `$instance` variable, every rate uses `$__rate_interval`, and every metric name is looked up in
 * the catalog as the expression is built, so a typo fails `npm run dashboards`.
 */
import { CATALOG } from './catalog';

/** The Prometheus scrape job of the app (`job_name` in prometheus.yml). */
export const JOB = 'tradewatch';
export const RATE_WINDOW = '$__rate_interval';

const SCOPE = [`job="${JOB}"`, 'instance=~"$instance"'];

function known(series: string, kinds?: readonly string[]): string {
  const resolved = CATALOG.resolve(series);
  if (!resolved) throw new Error(`unknown metric series "${series}"`);
  const kind = resolved.part ? `histogram_${resolved.part}` : resolved.metric.type;
  if (kinds && !kinds.includes(kind)) {
    throw new Error(`${series} is a ${kind}; expected ${kinds.join(' or ')}`);
  }
  return series;
}

const CUMULATIVE = ['counter', 'histogram_bucket', 'histogram_sum', 'histogram_count'];

/** `series{job="tradewatch", instance=~"$instance", ...matchers}` */
export function sel(series: string, ...matchers: string[]): string {
  return `${known(series)}{${[...SCOPE, ...matchers].join(', ')}}`;
}

const grouped = (op: string, by: readonly string[], inner: string): string =>
  by.length > 0 ? `${op} by (${by.join(', ')}) (${inner})` : `${op}(${inner})`;

/** `op by (labels) (expr)`, e.g. `agg('max', ['strategy'], sel('strategy_win_rate'))`. */
export function agg(op: string, by: readonly string[], inner: string): string {
  return grouped(op, by, inner);
}

/** Per-second rate of a counter (or histogram series) over `$__rate_interval`. */
export function rate(series: string, ...matchers: string[]): string {
  return `rate(${sel(known(series, CUMULATIVE), ...matchers)}[${RATE_WINDOW}])`;
}

/** `sum by (labels) (rate(series{...}[$__rate_interval]))` */
export function sumRate(series: string, by: readonly string[] = [], ...matchers: string[]): string {
  return grouped('sum', by, rate(series, ...matchers));
}

/** Per-minute rate: for the trading events that happen a few times a minute at most. */
export function sumRatePerMinute(
  series: string,
  by: readonly string[] = [],
  ...matchers: string[]
): string {
  return `${sumRate(series, by, ...matchers)} * 60`;
}

/** Total increase over the dashboard's time range (for "in range" stats and tables). */
export function sumIncrease(
  series: string,
  by: readonly string[] = [],
  ...matchers: string[]
): string {
  return grouped('sum', by, `increase(${sel(known(series, CUMULATIVE), ...matchers)}[$__range])`);
}

/** `histogram_quantile(q, sum by (le, ...by) (rate(histogram_bucket{...}[$__rate_interval])))` */
export function quantile(
  q: number,
  histogram: string,
  by: readonly string[] = [],
  ...matchers: string[]
): string {
  const metric = CATALOG.get(histogram);
  if (metric.type !== 'histogram') throw new Error(`${histogram} is not a histogram`);
  return `histogram_quantile(${q}, ${sumRate(`${histogram}_bucket`, ['le', ...by], ...matchers)})`;
}

/** Mean of a histogram's observations over the rate window: rate(_sum) / rate(_count). */
export function mean(histogram: string, by: readonly string[] = [], ...matchers: string[]): string {
  const metric = CATALOG.get(histogram);
  if (metric.type !== 'histogram') throw new Error(`${histogram} is not a histogram`);
  return `${sumRate(`${histogram}_sum`, by, ...matchers)} / ${sumRate(`${histogram}_count`, by, ...matchers)}`;
}

/** A gauge aggregated across instances, e.g. `max by (provider) (provider_available{...})`. */
export function gauge(
  op: 'max' | 'min' | 'sum' | 'avg',
  name: string,
  by: readonly string[] = [],
  ...matchers: string[]
): string {
  return grouped(op, by, sel(known(name, ['gauge']), ...matchers));
}

/**
 * Observations per bucket in each step, for a heatmap (`format: heatmap` turns the cumulative
 * `le` buckets into per-bucket counts).
 */
export function bucketCounts(histogram: string, ...matchers: string[]): string {
  const metric = CATALOG.get(histogram);
  if (metric.type !== 'histogram') throw new Error(`${histogram} is not a histogram`);
  return `sum by (le) (increase(${sel(`${histogram}_bucket`, ...matchers)}[${RATE_WINDOW}]))`;
}

/**
 * What a load run's raw records say: throughput and latency per request kind, memory and its
 * trend, event-loop lag, the trading loop's cadence and the scrapes' cost.
 */
import type { RequestRecord } from './mixed-load';
import { groupOf, RequestKind } from './mixed-workload';
import type { ScrapeSample } from './scrape-sampler';
import { quantile } from './stats';

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface KindSummary {
  /** A request kind, a group (read, order, evaluate) or "all". */
  kind: string;
  requests: number;
  perSecond: number;
  latencyMs: Percentiles;
  /** Count per status code; "0" = no answer. */
  statuses: Record<string, number>;
  status4xx: number;
  status5xx: number;
  noAnswer: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}

function summarizeRecords(
  kind: string,
  records: readonly RequestRecord[],
  seconds: number,
): KindSummary {
  const statuses: Record<string, number> = {};
  for (const record of records) statuses[record.status] = (statuses[record.status] ?? 0) + 1;
  const between = (low: number, high: number) =>
    records.filter((record) => record.status >= low && record.status < high).length;
  return {
    kind,
    requests: records.length,
    perSecond: records.length / seconds,
    latencyMs: percentiles(records.map((record) => record.latencyMs)),
    statuses,
    status4xx: between(400, 500),
    status5xx: between(500, 600),
    noAnswer: between(0, 1),
  };
}

/** One row per kind seen (in first-seen order), then per group, then "all". */
export function summarizeKinds(records: readonly RequestRecord[], seconds: number): KindSummary[] {
  const byKind = new Map<RequestKind, RequestRecord[]>();
  for (const record of records) {
    const list = byKind.get(record.kind) ?? [];
    list.push(record);
    byKind.set(record.kind, list);
  }
  const kinds = [...byKind.keys()].sort();
  const groups = ['read', 'order', 'evaluate'] as const;
  return [
    ...kinds.map((kind) => summarizeRecords(kind, byKind.get(kind)!, seconds)),
    ...groups.map((group) =>
      summarizeRecords(
        `(${group})`,
        records.filter((record) => groupOf(record.kind) === group),
        seconds,
      ),
    ),
    summarizeRecords('(all)', records, seconds),
  ];
}

/** Least-squares slope of `value` over time, per minute. */
export function slopePerMinute(points: readonly { atMs: number; value: number }[]): number {
  if (points.length < 2) return NaN;
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.atMs, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.atMs - meanX) * (p.value - meanY);
    variance += (p.atMs - meanX) ** 2;
  }
  return variance === 0 ? NaN : (covariance / variance) * 60_000;
}

export interface Trend {
  /** Mean of the first and of the last tenth of the samples (single samples are noisy: GC). */
  start: number;
  end: number;
  min: number;
  max: number;
  slopePerMinute: number;
  /** Over the second half only: past the warm-up growth of caches, pools and JIT code. */
  lateSlopePerMinute: number;
  samples: number;
}

type Point = { atMs: number; value: number };

/** The trend of one figure over the scrapes, in MiB. */
export function memoryTrend(
  samples: readonly ScrapeSample[],
  pick: (sample: ScrapeSample) => number | undefined,
): Trend | undefined {
  return trendOf(pickMiB(samples, pick));
}

/**
 * The trend of the lowest value of each `windowMs` window, in MiB: for the heap, what survived
 * the collections in that window. Samples swing by the young generation's size between two
 * collections (±75 MiB under the load benchmark), so their own slope mostly says where in that
 * saw-tooth the run began and ended; the floors are what is retained.
 */
export function floorTrend(
  samples: readonly ScrapeSample[],
  pick: (sample: ScrapeSample) => number | undefined,
  windowMs = 60_000,
): Trend | undefined {
  const floors = new Map<number, Point>();
  const points = pickMiB(samples, pick);
  const startMs = points[0]?.atMs ?? 0;
  for (const point of points) {
    const window = Math.floor((point.atMs - startMs) / windowMs);
    const floor = floors.get(window);
    if (!floor || point.value < floor.value) floors.set(window, point);
  }
  return trendOf([...floors.values()]);
}

function pickMiB(
  samples: readonly ScrapeSample[],
  pick: (sample: ScrapeSample) => number | undefined,
): Point[] {
  return samples
    .map((sample) => ({ atMs: sample.atMs, value: pick(sample) }))
    .filter((p): p is Point => p.value !== undefined)
    .map((p) => ({ atMs: p.atMs, value: p.value / 2 ** 20 }));
}

function trendOf(points: readonly Point[]): Trend | undefined {
  if (points.length === 0) return undefined;
  const tenth = Math.max(1, Math.floor(points.length / 10));
  const mean = (list: readonly { value: number }[]) =>
    list.reduce((sum, p) => sum + p.value, 0) / list.length;
  const values = points.map((p) => p.value);
  return {
    start: mean(points.slice(0, tenth)),
    end: mean(points.slice(-tenth)),
    min: Math.min(...values),
    max: Math.max(...values),
    slopePerMinute: slopePerMinute(points),
    lateSlopePerMinute: slopePerMinute(points.slice(Math.floor(points.length / 2))),
    samples: points.length,
  };
}

export interface LagSummary {
  /** Over the per-scrape p99 values (each covers the second before its scrape). */
  medianOfP99Ms: number;
  p99OfP99Ms: number;
  maxOfP99Ms: number;
  scrapes: number;
}

export function eventLoopLag(samples: readonly ScrapeSample[]): LagSummary | undefined {
  const values = samples
    .map((sample) => sample.eventLoopLagP99Seconds)
    .filter((value): value is number => value !== undefined && value > 0)
    .map((seconds) => seconds * 1000);
  if (values.length === 0) return undefined;
  const p = percentiles(values);
  return { medianOfP99Ms: p.p50, p99OfP99Ms: p.p99, maxOfP99Ms: p.max, scrapes: values.length };
}

export interface TradingLoopSummary {
  intervalMs: number;
  /** From the first to the last successful scrape. */
  observedSeconds: number;
  expectedCycles: number;
  /** Scheduled cycles counted between the first and the last scrape, and by outcome. */
  actualCycles: number;
  outcomes: Record<string, number>;
  /** Times between consecutive heartbeats (completed cycles), ms. */
  completionIntervalsMs?: Percentiles & { min: number; mean: number; stdev: number; n: number };
  /** Mean completion interval minus the configured interval, ms. */
  meanDriftMs?: number;
}

const totalOf = (byOutcome: Record<string, number>) =>
  Object.values(byOutcome).reduce((sum, count) => sum + count, 0);

export function tradingLoop(
  samples: readonly ScrapeSample[],
  intervalMs: number,
): TradingLoopSummary | undefined {
  const ok = samples.filter((sample) => sample.status === 200);
  if (ok.length < 2 || intervalMs <= 0) return undefined;
  const first = ok[0];
  const last = ok[ok.length - 1];
  const observedSeconds = (last.atMs - first.atMs) / 1000;
  const outcomes: Record<string, number> = {};
  for (const [outcome, count] of Object.entries(last.scheduledCycles)) {
    outcomes[outcome] = count - (first.scheduledCycles[outcome] ?? 0);
  }
  const heartbeats = [
    ...new Set(ok.map((s) => s.heartbeatSeconds).filter((v): v is number => v !== undefined)),
  ].sort((a, b) => a - b);
  const intervals = heartbeats.slice(1).map((beat, i) => (beat - heartbeats[i]) * 1000);
  const summary: TradingLoopSummary = {
    intervalMs,
    observedSeconds,
    expectedCycles: (observedSeconds * 1000) / intervalMs,
    actualCycles: totalOf(last.scheduledCycles) - totalOf(first.scheduledCycles),
    outcomes,
  };
  if (intervals.length > 0) {
    const mean = intervals.reduce((sum, v) => sum + v, 0) / intervals.length;
    const variance = intervals.reduce((sum, v) => sum + (v - mean) ** 2, 0) / intervals.length;
    summary.completionIntervalsMs = {
      ...percentiles(intervals),
      min: Math.min(...intervals),
      mean,
      stdev: Math.sqrt(variance),
      n: intervals.length,
    };
    summary.meanDriftMs = mean - intervalMs;
  }
  return summary;
}

export interface ScrapeSummary {
  scrapes: number;
  failed: number;
  skippedTicks: number;
  durationMs: Percentiles;
  bytes: { first: number; last: number };
  series: { first: number; last: number };
}

export function scrapeCost(samples: readonly ScrapeSample[], skippedTicks: number): ScrapeSummary {
  const ok = samples.filter((sample) => sample.status === 200);
  return {
    scrapes: samples.length,
    failed: samples.length - ok.length,
    skippedTicks,
    durationMs: percentiles(ok.map((sample) => sample.durationMs)),
    bytes: { first: ok[0]?.bytes ?? 0, last: ok[ok.length - 1]?.bytes ?? 0 },
    series: { first: ok[0]?.series ?? 0, last: ok[ok.length - 1]?.series ?? 0 },
  };
}

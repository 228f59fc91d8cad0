import { medianInterval, Spread, spread } from './stats';

export type VariantKey = 'A' | 'B';

/** One variant's measurement in one cycle. */
export interface Slice {
  variant: VariantKey;
  /** Requests answered 2xx (all of them: anything else fails the benchmark). */
  requests: number;
  wallSeconds: number;
  requestsPerSecond: number;
  /** The server process's user + system CPU time during the slice. */
  serverCpuSeconds: number;
  serverCpuMicrosPerRequest: number;
  /** Server CPU time / wall time: about 100 % when the server, not the load generator, limits. */
  serverCpuPercent: number;
  /** Lines the server logged during the slice (at LOG_LEVEL=warn there should be none). */
  serverLogLines: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export interface Cycle {
  number: number;
  order: 'AB' | 'BA';
  a: Slice;
  b: Slice;
}

/** A/B of one cycle: ratios above 1 mean A costs more (CPU) or does more (throughput). */
export interface Pairing {
  throughputRatio: number;
  cpuRatio: number;
  addedCpuMicros: number;
}

export function pair(cycle: Cycle): Pairing {
  const { a, b } = cycle;
  return {
    throughputRatio: a.requestsPerSecond / b.requestsPerSecond,
    cpuRatio: a.serverCpuMicrosPerRequest / b.serverCpuMicrosPerRequest,
    addedCpuMicros: a.serverCpuMicrosPerRequest - b.serverCpuMicrosPerRequest,
  };
}

interface MetricSummary {
  A: Spread;
  B: Spread;
  /** Of the per-cycle A/B ratios. */
  pairedRatio: Spread;
}

export interface Summary {
  cycles: number;
  requestsPerSecond: MetricSummary;
  serverCpuMicrosPerRequest: MetricSummary & { pairedDifference: Spread };
  serverLogLines: { A: number; B: number };
  /** Slices in which the server used less than SATURATED_CPU_PERCENT of its core. */
  unsaturatedSlices: number;
}

/**
 * A server under this much of its core was not the bottleneck: other processes took its core
 * (or the load generator's), and that slice's figures are less trustworthy.
 */
export const SATURATED_CPU_PERCENT = 80;

export function summarize(cycles: readonly Cycle[]): Summary {
  const pairs = cycles.map(pair);
  const of = (variant: 'a' | 'b', pick: (slice: Slice) => number): Spread =>
    spread(cycles.map((cycle) => pick(cycle[variant])));
  const total = (variant: 'a' | 'b'): number =>
    cycles.reduce((sum, cycle) => sum + cycle[variant].serverLogLines, 0);
  return {
    cycles: cycles.length,
    requestsPerSecond: {
      A: of('a', (slice) => slice.requestsPerSecond),
      B: of('b', (slice) => slice.requestsPerSecond),
      pairedRatio: spread(pairs.map((p) => p.throughputRatio)),
    },
    serverCpuMicrosPerRequest: {
      A: of('a', (slice) => slice.serverCpuMicrosPerRequest),
      B: of('b', (slice) => slice.serverCpuMicrosPerRequest),
      pairedRatio: spread(pairs.map((p) => p.cpuRatio)),
      pairedDifference: spread(pairs.map((p) => p.addedCpuMicros)),
    },
    serverLogLines: { A: total('a'), B: total('b') },
    unsaturatedSlices: cycles
      .flatMap((cycle) => [cycle.a, cycle.b])
      .filter((slice) => slice.serverCpuPercent < SATURATED_CPU_PERCENT).length,
  };
}

export type Verdict = 'met' | 'not met' | 'undecided';

/** Below this many cycles the spread, and so the interval, means nothing. */
export const MIN_CYCLES_FOR_VERDICT = 5;

/** Whether the median paired CPU ratio is within the goal, judged by its ~95 % interval. */
export function verdict(cpuRatio: Spread, goalRatio: number): Verdict {
  if (cpuRatio.n < MIN_CYCLES_FOR_VERDICT) return 'undecided';
  const { low, high } = medianInterval(cpuRatio);
  if (high <= goalRatio) return 'met';
  if (low > goalRatio) return 'not met';
  return 'undecided';
}

/**
 * In-process CPU micro-benchmarking: workloads timed by this process's own CPU time, run in
 * rounds whose order rotates (AB, BA, … or ABC, BCA, CAB, …) so that machine drift hits every
 * variant alike, and compared as paired per-round ratios and differences (see
 * /work/shared/PERFORMANCE.md).
 */
import { Spread, spread } from './stats';

/** Work run `iterations` times; its return value goes into a sink, against dead-code elimination. */
export interface Workload {
  readonly key: string;
  run(iterations: number): number;
}

/** One timed run of a workload. */
export interface Timing {
  iterations: number;
  /** User + system CPU time of the whole process (pinned to one core: its threads share it). */
  cpuSeconds: number;
  wallSeconds: number;
}

export interface Round {
  number: number;
  order: string[];
  timings: Record<string, Timing>;
}

/** Below this CPU/wall share the process waited for its core: other processes competed for it. */
export const ON_CORE_SHARE = 0.9;

export const nanosPerCall = (timing: Timing): number =>
  (timing.cpuSeconds * 1e9) / timing.iterations;

export const callsPerCpuSecond = (timing: Timing): number => timing.iterations / timing.cpuSeconds;

/**
 * Runs workloads and keeps what they return (printed at the end, so the optimiser cannot drop
 * the work) and how often each ran (to check the instrumentation counted every call).
 */
export class Harness {
  sink = 0;
  private readonly calls = new Map<string, number>();

  time(workload: Workload, iterations: number): Timing {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const result = workload.run(iterations);
    const wallSeconds = (performance.now() - wallBefore) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    this.sink += result;
    this.calls.set(workload.key, (this.calls.get(workload.key) ?? 0) + iterations);
    return { iterations, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds };
  }

  /** Every call of the workload so far: warm-up, calibration and measured rounds. */
  callsOf(key: string): number {
    return this.calls.get(key) ?? 0;
  }

  /** Runs the workload for about `seconds` of CPU time (JIT warm-up). */
  warmUp(workload: Workload, seconds: number): void {
    const iterations = this.calibrate(workload, seconds / 2);
    this.time(workload, iterations);
    this.time(workload, iterations);
  }

  /** Iterations that take about `seconds` of CPU time. */
  calibrate(workload: Workload, seconds: number): number {
    let iterations = 1;
    for (;;) {
      const { cpuSeconds } = this.time(workload, iterations);
      if (cpuSeconds >= seconds / 4)
        return Math.max(1, Math.round((iterations * seconds) / cpuSeconds));
      iterations *= cpuSeconds > 0 ? Math.min(16, Math.ceil(seconds / 4 / cpuSeconds) + 1) : 16;
    }
  }

  /** Round `number`: every workload once, in the order rotated `rotation` places (AB, BA, …). */
  round(
    workloads: readonly Workload[],
    iterations: Record<string, number>,
    number: number,
    rotation: number,
  ): Round {
    const shift = rotation % workloads.length;
    const ordered = [...workloads.slice(shift), ...workloads.slice(0, shift)];
    const timings: Record<string, Timing> = {};
    for (const workload of ordered) {
      timings[workload.key] = this.time(workload, iterations[workload.key]);
    }
    return { number, order: ordered.map((w) => w.key), timings };
  }
}

/** `variant` against `baseline` over paired rounds: ratios above 1 mean the variant costs more. */
export interface Comparison {
  variant: string;
  baseline: string;
  variantNanosPerCall: Spread;
  baselineNanosPerCall: Spread;
  /** Of the per-round variant/baseline ratios of CPU time per call. */
  ratio: Spread;
  /** Of the per-round differences variant − baseline, in ns of CPU time per call. */
  addedNanosPerCall: Spread;
}

export function compare(rounds: readonly Round[], variant: string, baseline: string): Comparison {
  const per = (key: string) => rounds.map((round) => nanosPerCall(round.timings[key]));
  const variantNanos = per(variant);
  const baselineNanos = per(baseline);
  return {
    variant,
    baseline,
    variantNanosPerCall: spread(variantNanos),
    baselineNanosPerCall: spread(baselineNanos),
    ratio: spread(variantNanos.map((nanos, i) => nanos / baselineNanos[i])),
    addedNanosPerCall: spread(variantNanos.map((nanos, i) => nanos - baselineNanos[i])),
  };
}

/** Timed runs in which the process had its core less than ON_CORE_SHARE of the time. */
export function offCoreSlices(rounds: readonly Round[]): number {
  return rounds
    .flatMap((round) => Object.values(round.timings))
    .filter((timing) => timing.cpuSeconds < ON_CORE_SHARE * timing.wallSeconds).length;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { medianInterval, Spread } from './stats';
import {
  Cycle,
  MIN_CYCLES_FOR_VERDICT,
  pair,
  SATURATED_CPU_PERCENT,
  Summary,
  verdict,
} from './summary';

const fixed = (value: number, digits: number): string => value.toFixed(digits);
const percent = (ratio: number): string =>
  `${ratio >= 1 ? '+' : ''}${fixed((ratio - 1) * 100, 1)} %`;
const signed = (value: number, digits: number): string =>
  `${value >= 0 ? '+' : ''}${fixed(value, digits)}`;

/** Right-aligns cells into columns of the given widths (the first column left-aligned). */
function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
    .join(' ');
}

const CYCLE_COLUMNS = [
  ['cycle', 6],
  ['order', 5],
  ['A req/s', 8],
  ['B req/s', 8],
  ['A/B', 6],
  ['A µs/req', 9],
  ['B µs/req', 9],
  ['A/B', 6],
  ['A−B µs', 7],
  ['A cpu%', 7],
  ['B cpu%', 7],
  ['logs', 5],
] as const;
const CYCLE_WIDTHS = CYCLE_COLUMNS.map(([, width]) => width);

export function cycleHeader(): string {
  return row(
    CYCLE_COLUMNS.map(([title]) => title),
    CYCLE_WIDTHS,
  );
}

export function cycleRow(cycle: Cycle): string {
  const { a, b } = cycle;
  const p = pair(cycle);
  return row(
    [
      String(cycle.number),
      cycle.order,
      fixed(a.requestsPerSecond, 0),
      fixed(b.requestsPerSecond, 0),
      fixed(p.throughputRatio, 3),
      fixed(a.serverCpuMicrosPerRequest, 1),
      fixed(b.serverCpuMicrosPerRequest, 1),
      fixed(p.cpuRatio, 3),
      signed(p.addedCpuMicros, 1),
      fixed(a.serverCpuPercent, 0),
      fixed(b.serverCpuPercent, 0),
      String(a.serverLogLines + b.serverLogLines),
    ],
    CYCLE_WIDTHS,
  );
}

const SUMMARY_WIDTHS = [24, 9, 9, 8, 15, 15, 15];

function summaryRow(
  title: string,
  m: { A: Spread; B: Spread; pairedRatio: Spread },
  digits: number,
): string {
  const r = m.pairedRatio;
  const ci = medianInterval(r);
  return row(
    [
      title,
      fixed(m.A.median, digits),
      fixed(m.B.median, digits),
      fixed(r.median, 3),
      `${fixed(ci.low, 3)}–${fixed(ci.high, 3)}`,
      `${fixed(r.q1, 3)}–${fixed(r.q3, 3)}`,
      `${fixed(r.min, 3)}–${fixed(r.max, 3)}`,
    ],
    SUMMARY_WIDTHS,
  );
}

export interface RunDescription {
  method: string;
  path: string;
  seconds: number;
  connections: number;
  goalRatio: number;
  logLevel: string;
  /** An A/A run: both variants have metrics on, the ratios are the method's noise. */
  calibration?: boolean;
  /** Printed instead of the goal line when the verdict is taken elsewhere. */
  verdictNote?: string;
}

export function formatSummary(summary: Summary, run: RunDescription): string {
  const cpu = summary.serverCpuMicrosPerRequest;
  const added = cpu.pairedDifference;
  const ci = medianInterval(cpu.pairedRatio);
  const outcome = verdict(cpu.pairedRatio, run.goalRatio);
  const lines = [
    '',
    `Summary: ${summary.cycles} cycles × ${run.seconds} s per variant, ${run.connections} connections, ` +
      `${run.method} ${run.path}. A = metrics on, B = metrics ${run.calibration ? 'on too (calibration)' : 'off'}; ` +
      'medians, paired ratios A/B per cycle.',
    row(
      ['', 'A median', 'B median', 'A/B med', '~95 % of med', 'A/B IQR', 'A/B min–max'],
      SUMMARY_WIDTHS,
    ),
    summaryRow('throughput (req/s)', summary.requestsPerSecond, 0),
    summaryRow('server CPU (µs/request)', cpu, 1),
    `added server CPU per request (A−B, paired): median ${signed(added.median, 1)} µs, ` +
      `IQR ${signed(added.q1, 1)} … ${signed(added.q3, 1)} µs, min/max ${signed(added.min, 1)} / ${signed(added.max, 1)} µs`,
    `server log lines during the measured slices (LOG_LEVEL=${run.logLevel}): ` +
      `A ${summary.serverLogLines.A}, B ${summary.serverLogLines.B}`,
    ...(summary.unsaturatedSlices > 0
      ? [
          `warning: in ${summary.unsaturatedSlices} of ${2 * summary.cycles} slices the server used ` +
            `< ${SATURATED_CPU_PERCENT} % of its core: other processes competed for the CPUs`,
        ]
      : []),
    '',
    run.verdictNote ??
      (run.calibration
        ? `Calibration (A/A): the method's noise is ±${fixed(((ci.high - ci.low) / 2) * 100, 1)} % ` +
          `at ${summary.cycles} cycles (median paired ratio ${fixed(cpu.pairedRatio.median, 3)}, ` +
          `~95 % interval ${percent(ci.low)} … ${percent(ci.high)}); no verdict.`
        : `Goal: the metrics cost ≤ ${percent(run.goalRatio)} server CPU per request. ` +
          `Measured: ${percent(cpu.pairedRatio.median)} (median paired ratio ${fixed(cpu.pairedRatio.median, 3)}, ` +
          `~95 % interval ${percent(ci.low)} … ${percent(ci.high)}) → ${outcome.toUpperCase()}` +
          (outcome === 'undecided'
            ? ` (${undecidedBecause(summary.cycles)}: run more cycles)`
            : '')),
  ];
  return lines.join('\n');
}

function undecidedBecause(cycles: number): string {
  return cycles < MIN_CYCLES_FOR_VERDICT
    ? `fewer than ${MIN_CYCLES_FOR_VERDICT} cycles`
    : 'the interval includes the goal';
}

/** Writes `<dir>/http-overhead-<timestamp>.json` and returns its path. */
export function writeResultFile(dir: string, startedAt: Date, content: unknown): string {
  mkdirSync(dir, { recursive: true });
  // An ISO 8601 timestamp with the colons and the dot replaced: safe in every file name.
  const file = join(dir, `http-overhead-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

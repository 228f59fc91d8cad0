/** Tables and summary lines of bench/strategies.bench.ts, and the shapes of its results. */
import { Comparison, offCoreSlices, ON_CORE_SHARE, Round } from './paired-rounds';
import { medianInterval, Spread } from './stats';
import type { DirectionCounts } from './strategy-contexts';
import { MIN_CYCLES_FOR_VERDICT, Verdict } from './summary';
import { formatTable } from './table';

/** The trivial method's variants. */
export const CALL_KEYS = {
  plain: 'add:plain',
  instrumented: 'add:@Timed+@Counted',
  tracked: 'add:trackDuration',
} as const;

export const fixed = (value: number, digits: number) => value.toFixed(digits);
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
const signed = (value: number, digits: number) => `${value >= 0 ? '+' : ''}${fixed(value, digits)}`;

/** One strategy, plain and instrumented, over all rounds. */
export interface StrategyResult {
  strategy: string;
  windowBars: number;
  contexts: number;
  directions: DirectionCounts;
  iterationsPerSlice: { plain: number; instrumented: number };
  plain: { evaluationsPerSecond: Spread; barsPerSecond: Spread };
  instrumented: { evaluationsPerSecond: Spread; barsPerSecond: Spread };
  comparison: Comparison;
  rounds: Round[];
}

/** The trivial method: ns per call of each variant, and each against the plain one. */
export interface CallResult {
  iterationsPerSlice: Record<string, number>;
  perCall: Record<string, Spread>;
  instrumented: Comparison;
  tracked: Comparison;
  verdicts: { instrumented: Verdict; tracked: Verdict };
  rounds: Round[];
}

const interval = (s: Spread, digits: number) => {
  const ci = medianInterval(s);
  return `${fixed(ci.low, digits)}–${fixed(ci.high, digits)}`;
};
const range = (low: number, high: number, digits: number) =>
  `${fixed(low, digits)}–${fixed(high, digits)}`;
const sharesOf = (d: DirectionCounts) => {
  const total = d.long + d.short + d.flat;
  return [d.long, d.short, d.flat].map((n) => fixed((n / total) * 100, 0)).join('/');
};
const micros = (evaluationsPerSecond: Spread) => fixed(1e6 / evaluationsPerSecond.median, 2);

export function strategyThroughputTable(results: readonly StrategyResult[]): string {
  return formatTable(
    [
      'strategy',
      'bars/eval',
      'L/S/F %',
      'plain evals/s',
      'plain µs/eval',
      'plain bars/s',
      'instr evals/s',
      'instr µs/eval',
      'instr bars/s',
    ],
    results.map((r) => [
      r.strategy,
      String(r.windowBars),
      sharesOf(r.directions),
      grouped(r.plain.evaluationsPerSecond.median),
      micros(r.plain.evaluationsPerSecond),
      grouped(r.plain.barsPerSecond.median),
      grouped(r.instrumented.evaluationsPerSecond.median),
      micros(r.instrumented.evaluationsPerSecond),
      grouped(r.instrumented.barsPerSecond.median),
    ]),
  );
}

export function strategyPairedTable(results: readonly StrategyResult[]): string {
  return formatTable(
    [
      'strategy',
      'instr/plain med',
      '~95 % of med',
      'IQR',
      'min–max',
      'added ns/eval med',
      'added IQR',
      'plain evals/s IQR',
    ],
    results.map(({ comparison: c, plain, strategy }) => [
      strategy,
      fixed(c.ratio.median, 3),
      interval(c.ratio, 3),
      range(c.ratio.q1, c.ratio.q3, 3),
      range(c.ratio.min, c.ratio.max, 3),
      signed(c.addedNanosPerCall.median, 0),
      `${signed(c.addedNanosPerCall.q1, 0)} … ${signed(c.addedNanosPerCall.q3, 0)}`,
      `${grouped(plain.evaluationsPerSecond.q1)}–${grouped(plain.evaluationsPerSecond.q3)}`,
    ]),
  );
}

/** ns per call of one variant, and what it adds to the plain call (paired per round). */
function callRow(key: string, perCall: Spread, against?: Comparison): string[] {
  const cells = [key, fixed(perCall.median, 1), range(perCall.q1, perCall.q3, 1)];
  cells.push(range(perCall.min, perCall.max, 1));
  if (!against) return [...cells, '', '', '', ''];
  const added = against.addedNanosPerCall;
  return [
    ...cells,
    signed(added.median, 1),
    interval(added, 1),
    `${signed(added.q1, 1)} … ${signed(added.q3, 1)}`,
    fixed(against.ratio.median, 1),
  ];
}

export function callTable(result: CallResult): string {
  return formatTable(
    [
      'call',
      'ns/call med',
      'IQR',
      'min–max',
      'added ns med',
      '~95 % of med',
      'added IQR',
      '×plain',
    ],
    [
      callRow(CALL_KEYS.plain, result.perCall[CALL_KEYS.plain]),
      callRow(CALL_KEYS.instrumented, result.perCall[CALL_KEYS.instrumented], result.instrumented),
      callRow(CALL_KEYS.tracked, result.perCall[CALL_KEYS.tracked], result.tracked),
    ],
  );
}

export function goalLine(what: string, c: Comparison, outcome: Verdict, rounds: number): string {
  const ci = medianInterval(c.addedNanosPerCall);
  const why =
    outcome !== 'undecided'
      ? ''
      : rounds < MIN_CYCLES_FOR_VERDICT
        ? ` (fewer than ${MIN_CYCLES_FOR_VERDICT} rounds)`
        : ' (the interval includes the goal: run more rounds)';
  return (
    `${what}: ${signed(c.addedNanosPerCall.median, 0)} ns per call (median of ${c.ratio.n} paired ` +
    `rounds, ~95 % interval ${fixed(ci.low, 0)} … ${fixed(ci.high, 0)} ns) → ${outcome.toUpperCase()}${why}`
  );
}

export function warnOffCore(rounds: readonly Round[]): void {
  const off = offCoreSlices(rounds);
  if (off > 0) {
    console.log(
      `warning: in ${off} slices this process had its core < ${ON_CORE_SHARE * 100} % of the ` +
        `wall time (other processes competed; CPU-time figures are still per this process).`,
    );
  }
}

/** The goal verdict for @Timed + @Counted, and trackDuration's figure for reference. */
export function callGoalLines(calls: CallResult, goalNanos: number, rounds: number): string {
  return [
    `Goal: @Timed + @Counted together add ≤ ${goalNanos} ns per call.`,
    goalLine('@Timed + @Counted', calls.instrumented, calls.verdicts.instrumented, rounds),
    goalLine('trackDuration (for reference)', calls.tracked, calls.verdicts.tracked, rounds),
  ].join('\n');
}

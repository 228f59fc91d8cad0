/**
 * What a pre-trade compliance check costs as the fill history grows, in this process (CPU time per
 * check; the database reads — the fills logged since the last check, the deposits — are not
 * included). The compliance service keeps the account's replay (`AccountReplay`) and adds the
 * fills committed since its last check, so for a history of N fills:
 *
 * - first check, no snapshot: a replay of all N fills (after the migration, or a lost snapshot);
 * - first check, from the snapshot: a restart resumes from the stored snapshot and the fills after
 *   its cut (parsing the stored JSON included);
 * - next check: one new fill added, then the check (the steady state: should not depend on N);
 * - late fill: one new fill that sorts before the newest (committed after later ones), so the
 *   fills after the cut are replayed again.
 *
 *   npm run bench:compliance -- [--sizes 100,1000,5000,20000] [--checks 200]
 */
import { parseArgs } from 'node:util';
import { AccountReplay, LoggedExecution } from '../src/risk/compliance/account-replay';
import { checkCashLedgerOrder } from '../src/risk/compliance/cash-account-rules';
import type { Execution, ProposedOrder } from '../src/risk/compliance/compliance.interface';
import { formatTable } from './lib/table';

const SYMBOLS = ['AAPL', 'MSFT', 'SPY', 'TSLA', 'NVDA'];
const START = Date.UTC(2026, 0, 5, 15);
const TEN_MINUTES = 600_000;
const OPTIONS = { kind: 'cash', openingSettledCash: '1000000' } as const;

/** Round trips every 10 minutes across five symbols, in the order they were logged. */
const fill = (i: number): LoggedExecution => ({
  seq: i + 1,
  execution: {
    id: String(i),
    symbol: SYMBOLS[(i >> 1) % SYMBOLS.length],
    side: i % 2 === 0 ? 'buy' : 'sell',
    quantity: '1',
    price: '100',
    fees: '0.01',
    executedAt: new Date(START + i * TEN_MINUTES),
  },
});

const orderAfter = (execution: Execution): ProposedOrder => ({
  symbol: 'AAPL',
  side: 'buy',
  quantity: '1',
  price: '100',
  at: new Date(execution.executedAt.getTime() + 60_000),
});

function check(replay: AccountReplay, last: Execution): void {
  const order = orderAfter(last);
  const state = replay.stateAt(order.at);
  if (state?.kind !== 'cash') throw new Error('no cash state');
  if (!checkCashLedgerOrder(order, state.ledger).allowed) throw new Error('denied');
}

function cpuMs(run: () => void, times = 1): number {
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / times;
}

function measure(size: number, checks: number): string[] {
  const history = Array.from({ length: size }, (_, i) => fill(i));
  const last = history[size - 1].execution;
  let replay = AccountReplay.fromScratch(OPTIONS, []);
  const fromScratch = cpuMs(() => {
    replay = AccountReplay.fromScratch(OPTIONS, history);
    check(replay, last);
  });
  const stored = JSON.stringify(replay.snapshot());
  const fromSnapshot = cpuMs(() => {
    const resumed = AccountReplay.fromSnapshot(OPTIONS, JSON.parse(stored))!;
    const since = history.slice(resumed.lastSeq);
    if (!resumed.add(since)) throw new Error('snapshot did not resume');
    check(resumed, last);
  });
  let next = size;
  const nextCheck = cpuMs(() => {
    const added = fill(next++);
    replay.add([added]);
    check(replay, added.execution);
  }, checks);
  const late = cpuMs(
    () => {
      const older = fill(next++);
      const younger = fill(next++);
      replay.add([{ ...younger, seq: older.seq }]);
      // committed after a fill 10 minutes younger than itself
      replay.add([{ ...older, seq: younger.seq }]);
      check(replay, younger.execution);
    },
    Math.max(1, Math.floor(checks / 10)),
  );
  return [
    String(size),
    fromScratch.toFixed(1),
    fromSnapshot.toFixed(2),
    (nextCheck * 1000).toFixed(0),
    late.toFixed(2),
    (stored.length / 1024).toFixed(1),
  ];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100,1000,5000,20000' },
      checks: { type: 'string', default: '200' },
    },
  });
  const checks = Number(values.checks);
  // warm the code paths once, so the first size does not pay the JIT
  measure(500, 50);
  const rows = values.sizes
    .split(',')
    .map(Number)
    .map((size) => measure(size, checks));
  console.log(
    formatTable(
      [
        'fills in history',
        'first check, no snapshot ms',
        'first check, from snapshot ms',
        'next check µs',
        'late fill ms',
        'snapshot KiB',
      ],
      rows,
    ),
  );
}

main();

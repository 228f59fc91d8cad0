/**
 * What one pre-trade compliance check costs as the fill history grows: the cash-account rules
 * (T+1 settlement, good faith, free riding) replay every execution, so the check is linear in the
 * history. Measured in this process, CPU time per check, for a first check (every execution seen
 * for the first time: derives its dates and amounts) and a steady one (the same Execution objects
 * again, as the compliance service keeps them).
 *
 *   npm run bench:compliance -- [--sizes 100,1000,5000,20000] [--checks 5]
 */
import { parseArgs } from 'node:util';
import { checkCashAccountOrder } from '../src/risk/compliance/cash-account-rules';
import type { Execution, ProposedOrder } from '../src/risk/compliance/compliance.interface';
import { formatTable } from './lib/table';

const SYMBOLS = ['AAPL', 'MSFT', 'SPY', 'TSLA', 'NVDA'];
const START = Date.UTC(2026, 0, 5, 15);
const TEN_MINUTES = 600_000;

/** A trading day's worth of round trips every 10 minutes, across five symbols. */
function history(size: number): Execution[] {
  return Array.from({ length: size }, (_, i) => ({
    id: String(i),
    symbol: SYMBOLS[(i >> 1) % SYMBOLS.length],
    side: i % 2 === 0 ? 'buy' : 'sell',
    quantity: '1',
    price: '100',
    fees: '0.01',
    executedAt: new Date(START + i * TEN_MINUTES),
  }));
}

function cpuMsPerCheck(executions: Execution[], order: ProposedOrder, checks: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < checks; i++) {
    checkCashAccountOrder(order, { openingSettledCash: '1000000', executions });
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / checks;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100,1000,5000,20000' },
      checks: { type: 'string', default: '5' },
    },
  });
  const checks = Number(values.checks);
  // warm the code paths once, so the first size does not pay the JIT
  cpuMsPerCheck(history(200), order(200), 3);
  const rows = values.sizes
    .split(',')
    .map(Number)
    .map((size) => {
      const executions = history(size);
      const first = cpuMsPerCheck(executions, order(size), 1);
      const steady = cpuMsPerCheck(executions, order(size), checks);
      return [
        String(size),
        first.toFixed(2),
        steady.toFixed(2),
        ((steady * 1000) / size).toFixed(2),
      ];
    });
  console.log(
    formatTable(['fills in history', 'first check ms', 'steady check ms', 'µs per fill'], rows),
  );
}

const order = (size: number): ProposedOrder => ({
  symbol: 'AAPL',
  side: 'buy',
  quantity: '1',
  price: '100',
  at: new Date(START + size * TEN_MINUTES),
});

main();

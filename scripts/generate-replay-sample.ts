import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../src/common/clock/clock';
import { SimulatedMarket } from '../src/market-data/adapters/simulated-market';

/**
 * Writes the sample replay data shipped in data/replay: one US session (390 one-minute bars) per
 * default watchlist symbol, from the simulated market with a fixed seed and date.
 */
async function main(): Promise<void> {
  const directory = join(__dirname, '..', 'data', 'replay');
  const sessionClose = new Date('2026-01-05T21:00:00Z');
  const market = new SimulatedMarket(new ManualClock(sessionClose), {
    seed: 20260105,
    historyMinutes: 390,
  });
  mkdirSync(directory, { recursive: true });
  for (const symbol of ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA']) {
    const rows = (await market.bars(symbol, 390)).map((bar) =>
      [
        bar.time.toISOString(),
        ...[bar.open, bar.high, bar.low, bar.close].map((n) => n.toFixed(4)),
        bar.volume,
      ].join(','),
    );
    writeFileSync(
      join(directory, `${symbol}.csv`),
      ['time,open,high,low,close,volume', ...rows, ''].join('\n'),
    );
  }
  console.log(`wrote ${directory}`);
}

void main();

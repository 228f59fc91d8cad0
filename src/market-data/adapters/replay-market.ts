import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors/domain-error';
import type { MarketDataProvider } from '../market-data.port';
import type { Bar, Quote } from '../market-data.types';

const MINUTE_MS = 60_000;
const HEADER = 'time,open,high,low,close,volume';

/** Parses a replay file: a `time,open,high,low,close,volume` header, ISO-8601 UTC times, oldest first. */
export function parseReplayCsv(text: string, source: string): Bar[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  if (header.trim() !== HEADER) throw new Error(`${source}: the header must be "${HEADER}"`);
  return rows.map((row, index) => {
    const [time, ...numbers] = row.split(',');
    const [open, high, low, close, volume] = numbers.map(Number);
    const bar: Bar = { time: new Date(time), open, high, low, close, volume };
    if (
      Number.isNaN(bar.time.getTime()) ||
      [open, high, low, close, volume].some((n) => !Number.isFinite(n))
    ) {
      throw new Error(`${source}: line ${index + 2} is not a valid bar`);
    }
    return bar;
  });
}

export interface ReplayMarketOptions {
  directory: string;
  /** Bars already "played" when the replay starts, so strategies have history. @default 200 */
  warmupBars?: number;
}

/**
 * Replays recorded bars from `<directory>/<SYMBOL>.csv`, one bar per minute of the clock after a
 * warm-up; at the end of a file it stays on the last bar (the data then visibly ages).
 */
export class ReplayMarket implements MarketDataProvider {
  readonly name = 'market_replay';
  private readonly files = new Map<string, Bar[]>();
  private readonly startedAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly options: ReplayMarketOptions,
  ) {
    this.startedAt = clock.now().getTime();
  }

  async bars(symbol: string, limit: number): Promise<Bar[]> {
    const all = this.load(symbol);
    return all.slice(0, this.played(all.length)).slice(-limit);
  }

  async quote(symbol: string): Promise<Quote> {
    const [bar] = await this.bars(symbol, 1);
    return { symbol, last: bar.close, bid: bar.close, ask: bar.close, time: bar.time };
  }

  private played(total: number): number {
    const minutes = Math.floor((this.clock.now().getTime() - this.startedAt) / MINUTE_MS);
    return Math.min(total, Math.max(1, (this.options.warmupBars ?? 200) + minutes));
  }

  private load(symbol: string): Bar[] {
    const cached = this.files.get(symbol);
    if (cached) return cached;
    const file = join(this.options.directory, `${symbol}.csv`);
    if (!existsSync(file)) throw new NotFoundError(`no replay data for ${symbol}`);
    const bars = parseReplayCsv(readFileSync(file, 'utf8'), file);
    if (bars.length === 0) throw new NotFoundError(`the replay file for ${symbol} has no bars`);
    this.files.set(symbol, bars);
    return bars;
  }
}

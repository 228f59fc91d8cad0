import type { Clock } from '../../common/clock/clock';
import { hashSeed, SeededRandom } from '../../common/random/seeded-random';
import type { Bar } from '../../market-data/market-data.types';
import type { SentimentSource, SentimentSourceName, SourceReading } from '../sentiment.types';

/** How each simulated crowd reacts: sensitivity to recent returns, noise, and typical volume. */
const CROWDS: Record<
  SentimentSourceName,
  { sensitivity: number; noise: number; mentions: number }
> = {
  twitter: { sensitivity: 120, noise: 0.35, mentions: 800 },
  reddit: { sensitivity: 80, noise: 0.3, mentions: 150 },
  news: { sensitivity: 50, noise: 0.15, mentions: 12 },
};

const MINUTE_MS = 60_000;

/**
 * A crowd whose mood loosely follows the last 30 minutes' return, plus its own noise: the same
 * seed, symbol, source and minute always give the same reading.
 */
export class SimulatedSentimentSource implements SentimentSource {
  constructor(
    readonly name: SentimentSourceName,
    private readonly seed: number,
    private readonly clock: Clock,
  ) {}

  async read(symbol: string, bars: readonly Bar[]): Promise<SourceReading> {
    const crowd = CROWDS[this.name];
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    const random = new SeededRandom(hashSeed(this.seed, this.name, symbol, minute));
    const first = bars[0]?.close;
    const last = bars.at(-1)?.close;
    const recentReturn = first && last ? last / first - 1 : 0;
    const score = Math.tanh(recentReturn * crowd.sensitivity + random.normal() * crowd.noise);
    const mentions = Math.max(0, Math.round(crowd.mentions * Math.exp(random.normal() * 0.4)));
    return { score, mentions };
  }
}

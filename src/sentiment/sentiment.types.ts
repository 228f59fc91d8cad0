import type { VendorCallObserver } from '../providers/http/vendor-http-client';
import type { Bar } from '../market-data/market-data.types';

import { SENTIMENT_SOURCES } from '../config/environment';

export { SENTIMENT_SOURCES };
export type SentimentSourceName = (typeof SENTIMENT_SOURCES)[number];

export interface SourceReading {
  /** -1 (bearish) .. 1 (bullish) */
  score: number;
  /** How many posts/articles the score is based on. */
  mentions: number;
}

/** One sentiment feed; `bars` lets simulated feeds follow the price. */
export interface SentimentSource {
  readonly name: SentimentSourceName;
  read(symbol: string, bars: readonly Bar[], observer?: VendorCallObserver): Promise<SourceReading>;
}

export interface SourceContribution extends SourceReading {
  source: SentimentSourceName;
  /** Normalised weight (the weights of the sources that answered sum to 1). */
  weight: number;
}

export interface AggregatedSentiment {
  symbol: string;
  score: number;
  /** max - min of the source scores. */
  spread: number;
  divergence: boolean;
  sources: SourceContribution[];
  /** Sources that failed this time (the score uses the others). */
  unavailable: SentimentSourceName[];
  time: Date;
}

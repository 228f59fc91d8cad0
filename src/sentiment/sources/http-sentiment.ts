import type { VendorCallObserver, VendorHttpClient } from '../../providers/http/vendor-http-client';
import { asNumber, asRecord } from '../../providers/http/payload';
import type { SentimentSource, SentimentSourceName, SourceReading } from '../sentiment.types';

/** A sentiment vendor: `GET {base}/sentiment/{symbol}?source=twitter` → `{score, mentions}`. */
export class HttpSentimentSource implements SentimentSource {
  constructor(
    readonly name: SentimentSourceName,
    private readonly client: VendorHttpClient,
  ) {}

  read(symbol: string, _bars: unknown, observer?: VendorCallObserver): Promise<SourceReading> {
    return this.client.getJson(
      `/sentiment/${encodeURIComponent(symbol)}`,
      { source: this.name },
      (body) => {
        const reading = asRecord(body, 'sentiment');
        const score = asNumber(reading.score, 'sentiment.score');
        if (score < -1 || score > 1) throw new Error('sentiment.score is outside -1..1');
        return { score, mentions: asNumber(reading.mentions, 'sentiment.mentions') };
      },
      observer,
    );
  }
}

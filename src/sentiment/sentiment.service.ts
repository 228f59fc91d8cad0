import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { Clock } from '../common/clock/clock';
import { UnavailableError } from '../common/errors/domain-error';
import { AppConfig } from '../config';
import { MarketDataService } from '../market-data/market-data.service';
import type { Bar } from '../market-data/market-data.types';
import { InjectMetric, trackDuration } from '../observability';
import { ProviderGateway } from '../providers/provider-gateway.service';
import { aggregateSentiment } from './sentiment-aggregator';
import type {
  AggregatedSentiment,
  SentimentSource,
  SentimentSourceName,
  SourceReading,
} from './sentiment.types';

export const SENTIMENT_SOURCE_LIST = Symbol('SENTIMENT_SOURCE_LIST');
const LOOKBACK_BARS = 30;

type Reading = { source: SentimentSourceName; reading: SourceReading };

/** Reads every configured source through the gateway and aggregates them for a watchlist symbol. */
@Injectable()
export class SentimentService implements OnModuleInit {
  constructor(
    @Inject(SENTIMENT_SOURCE_LIST) private readonly sources: readonly SentimentSource[],
    private readonly marketData: MarketDataService,
    private readonly gateway: ProviderGateway,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectMetric('sentiment_calculation_duration_seconds')
    private readonly duration: Histogram<string>,
    @InjectMetric('sentiment_calculations_total') private readonly calculations: Counter<string>,
    @InjectMetric('sentiment_provider_usage_total') private readonly usage: Counter<string>,
    @InjectMetric('sentiment_aggregated_score') private readonly scores: Histogram<string>,
    @InjectMetric('sentiment_divergences_total') private readonly divergences: Counter<string>,
    @InjectMetric('sentiment_provider_weight') private readonly weight: Gauge<string>,
  ) {}

  onModuleInit(): void {
    const weights = this.config.sentiment.weights;
    const total = this.sources.reduce((sum, source) => sum + (weights[source.name] ?? 0), 0);
    for (const source of this.sources) {
      this.gateway.register(providerName(source), `sentiment_${source.name}`);
      this.weight.set(
        { provider: source.name },
        total > 0 ? (weights[source.name] ?? 0) / total : 0,
      );
    }
  }

  /** The aggregated sentiment of a watchlist symbol (404 for others; 503 when no source answers). */
  async sentiment(symbol: string): Promise<AggregatedSentiment> {
    const bars = await this.marketData.bars(symbol, LOOKBACK_BARS);
    return trackDuration(this.duration, {}, () => this.aggregate(symbol, bars));
  }

  private async aggregate(symbol: string, bars: readonly Bar[]): Promise<AggregatedSentiment> {
    const settled = await Promise.allSettled(
      this.sources.map((source) => this.read(source, symbol, bars)),
    );
    const readings = settled.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    const unavailable = this.sources
      .filter((_, index) => settled[index].status === 'rejected')
      .map((s) => s.name);
    if (readings.length === 0)
      throw new UnavailableError(`no sentiment source answered for ${symbol}`);
    const { weights, divergenceThreshold } = this.config.sentiment;
    const result = aggregateSentiment(readings, weights, divergenceThreshold);
    this.record(
      symbol,
      result.score,
      result.divergence,
      result.sources.map((s) => s.source),
    );
    return { symbol, ...result, unavailable, time: this.clock.now() };
  }

  private async read(
    source: SentimentSource,
    symbol: string,
    bars: readonly Bar[],
  ): Promise<Reading> {
    const reading = await this.gateway.fetch({
      provider: providerName(source),
      endpoint: 'sentiment',
      key: `sentiment:${source.name}:${symbol}`,
      ttlMs: this.config.marketData.cacheTtlMs,
      load: (observer) => source.read(symbol, bars, observer),
    });
    return { source: source.name, reading };
  }

  private record(
    symbol: string,
    score: number,
    divergence: boolean,
    used: SentimentSourceName[],
  ): void {
    this.calculations.inc({ symbol });
    this.scores.observe({ symbol }, score);
    if (divergence) this.divergences.inc({ symbol });
    for (const provider of used) this.usage.inc({ provider });
  }
}

const providerName = (source: SentimentSource): string => `sentiment_${source.name}`;

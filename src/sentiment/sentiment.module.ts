import { Module } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { MarketDataModule } from '../market-data/market-data.module';
import { MetricsModule } from '../observability';
import { VendorHttpClient } from '../providers/http/vendor-http-client';
import { SentimentController } from './sentiment.controller';
import { SENTIMENT_METRICS } from './sentiment.metrics';
import { SENTIMENT_SOURCE_LIST, SentimentService } from './sentiment.service';
import { SENTIMENT_SOURCES, SentimentSource } from './sentiment.types';
import { HttpSentimentSource } from './sources/http-sentiment';
import { SimulatedSentimentSource } from './sources/simulated-sentiment';

function sentimentSources(
  config: AppConfig,
  clock: Clock,
  http: VendorHttpClient,
): SentimentSource[] {
  const names = SENTIMENT_SOURCES.filter((name) => (config.sentiment.weights[name] ?? 0) > 0);
  return names.map((name) =>
    config.sentiment.source === 'http'
      ? new HttpSentimentSource(name, http)
      : new SimulatedSentimentSource(name, config.marketData.seed, clock),
  );
}

@Module({
  imports: [MarketDataModule, MetricsModule.forFeature(SENTIMENT_METRICS)],
  controllers: [SentimentController],
  providers: [
    SentimentService,
    {
      provide: SENTIMENT_SOURCE_LIST,
      useFactory: sentimentSources,
      inject: [AppConfig, Clock, VendorHttpClient],
    },
  ],
  exports: [SentimentService],
})
export class SentimentModule {}

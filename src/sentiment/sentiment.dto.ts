import { ApiProperty } from '@nestjs/swagger';
import { SENTIMENT_SOURCES } from './sentiment.types';
import type { AggregatedSentiment, SentimentSourceName } from './sentiment.types';

export class SourceContributionDto {
  @ApiProperty({ enum: SENTIMENT_SOURCES }) source!: SentimentSourceName;
  @ApiProperty({ minimum: -1, maximum: 1 }) score!: number;
  @ApiProperty() mentions!: number;
  @ApiProperty({ description: 'Normalised weight in the aggregate' }) weight!: number;
}

export class SentimentDto {
  @ApiProperty() symbol!: string;
  @ApiProperty({ minimum: -1, maximum: 1, description: 'Weighted mean of the sources' })
  score!: number;
  @ApiProperty({ description: 'Most bullish minus most bearish source' }) spread!: number;
  @ApiProperty({ description: 'True when the spread exceeds SENTIMENT_DIVERGENCE_THRESHOLD' })
  divergence!: boolean;
  @ApiProperty({ type: [SourceContributionDto] }) sources!: SourceContributionDto[];
  @ApiProperty({ enum: SENTIMENT_SOURCES, isArray: true }) unavailable!: SentimentSourceName[];
  @ApiProperty() time!: Date;

  static from(sentiment: AggregatedSentiment): SentimentDto {
    return { ...sentiment, sources: sentiment.sources.map((source) => ({ ...source })) };
  }
}

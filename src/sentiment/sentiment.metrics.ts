import { BUCKETS, defineCounter, defineGauge, defineHistogram } from '../observability';

export const SENTIMENT_CALCULATION_DURATION_SECONDS = defineHistogram({
  name: 'sentiment_calculation_duration_seconds',
  help: 'Time to read every source and aggregate the sentiment of one symbol.',
  labelNames: ['outcome'],
  buckets: BUCKETS.fastSeconds,
});

export const SENTIMENT_CALCULATIONS_TOTAL = defineCounter({
  name: 'sentiment_calculations_total',
  help: 'Aggregated sentiment calculations, by symbol.',
  labelNames: ['symbol'],
});

export const SENTIMENT_PROVIDER_USAGE_TOTAL = defineCounter({
  name: 'sentiment_provider_usage_total',
  help: 'Times a source contributed to an aggregated score, by provider.',
  labelNames: ['provider'],
});

export const SENTIMENT_AGGREGATED_SCORE = defineHistogram({
  name: 'sentiment_aggregated_score',
  help: 'Distribution of aggregated sentiment scores (-1 bearish .. 1 bullish), by symbol.',
  labelNames: ['symbol'],
  buckets: [-0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1],
});

export const SENTIMENT_DIVERGENCES_TOTAL = defineCounter({
  name: 'sentiment_divergences_total',
  help: 'Calculations where the sources disagreed beyond the threshold, by symbol.',
  labelNames: ['symbol'],
});

export const SENTIMENT_PROVIDER_WEIGHT = defineGauge({
  name: 'sentiment_provider_weight',
  help: 'Configured contribution of each source to the aggregated score (weights sum to 1).',
  labelNames: ['provider'],
});

export const SENTIMENT_METRICS = [
  SENTIMENT_CALCULATION_DURATION_SECONDS,
  SENTIMENT_CALCULATIONS_TOTAL,
  SENTIMENT_PROVIDER_USAGE_TOTAL,
  SENTIMENT_AGGREGATED_SCORE,
  SENTIMENT_DIVERGENCES_TOTAL,
  SENTIMENT_PROVIDER_WEIGHT,
] as const;

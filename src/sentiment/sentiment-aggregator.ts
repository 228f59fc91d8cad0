import type { SentimentSourceName, SourceContribution, SourceReading } from './sentiment.types';

export interface AggregateResult {
  score: number;
  spread: number;
  divergence: boolean;
  sources: SourceContribution[];
}

/**
 * Weighted mean of the sources that answered (weights renormalised over them); divergence when
 * the spread between the most bullish and most bearish source exceeds the threshold.
 */
export function aggregateSentiment(
  readings: ReadonlyArray<{ source: SentimentSourceName; reading: SourceReading }>,
  weights: Readonly<Record<string, number>>,
  divergenceThreshold: number,
): AggregateResult {
  const weighted = readings.filter(({ source }) => (weights[source] ?? 0) > 0);
  const total = weighted.reduce((sum, { source }) => sum + weights[source], 0);
  if (weighted.length === 0 || total === 0)
    return { score: 0, spread: 0, divergence: false, sources: [] };
  const sources = weighted.map(({ source, reading }) => ({
    source,
    ...reading,
    weight: weights[source] / total,
  }));
  const score = sources.reduce(
    (sum, contribution) => sum + contribution.score * contribution.weight,
    0,
  );
  const scores = sources.map((contribution) => contribution.score);
  const spread = Math.max(...scores) - Math.min(...scores);
  return { score, spread, divergence: spread > divergenceThreshold, sources };
}

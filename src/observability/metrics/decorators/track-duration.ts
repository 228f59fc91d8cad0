import type { Histogram, LabelValues } from 'prom-client';
import { observeOutcome, withOutcome } from './outcome';

/**
 * Times a block of work into a histogram (the seed's `with track_duration(...)`): sync or async,
 * recorded on success and failure alike; an `outcome` label is filled when the metric has one.
 *
 *   const signal = await trackDuration(this.evaluationSeconds, { strategy }, () => strategy.run(bars));
 */
export function trackDuration<T>(
  histogram: Histogram<string>,
  labels: LabelValues<string>,
  fn: () => T,
): T {
  const startedAt = performance.now();
  return observeOutcome(fn, (outcome) => {
    histogram.observe(
      withOutcome(labels, histogram, outcome),
      (performance.now() - startedAt) / 1000,
    );
  });
}

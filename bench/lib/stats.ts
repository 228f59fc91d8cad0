/** Where a set of numbers lies: median, quartiles and extremes. */
export interface Spread {
  n: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
}

/** The p-quantile (0..1) of sorted values, interpolating between neighbours. */
export function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spread() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * A rough 95 % interval for the median (the notch of a box plot: median ± 1.58 · IQR / √n).
 * Two medians whose intervals do not overlap differ; a goal outside the interval is decided.
 */
export function medianInterval(s: Spread): { low: number; high: number } {
  const halfWidth = (1.58 * (s.q3 - s.q1)) / Math.sqrt(s.n);
  return { low: s.median - halfWidth, high: s.median + halfWidth };
}

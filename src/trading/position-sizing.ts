import Decimal from 'decimal.js';

/** Whole shares worth equity × maxPositionPct × confidence at `price` (0 when that buys none). */
export function sharesFor(
  equity: Decimal,
  confidence: number,
  price: Decimal,
  maxPositionPct: number,
): number {
  if (price.lte(0) || confidence <= 0) return 0;
  return equity.times(maxPositionPct).times(Math.min(1, confidence)).div(price).floor().toNumber();
}

/** Bounded label for a confidence: 0.0-0.2, 0.2-0.4, ..., 0.8-1.0. */
export function confidenceBand(confidence: number): string {
  const lower = Math.min(4, Math.max(0, Math.floor(confidence * 5))) / 5;
  return `${lower.toFixed(1)}-${(lower + 0.2).toFixed(1)}`;
}

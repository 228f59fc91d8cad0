import { ExactDecimal, sumDecimals } from './exact-decimal';

export interface AnnualisationOptions {
  periodsPerYear: number;
  /** Annual. */
  riskFreeRate: number;
}

/** (1 + annualRate)^(1 / periodsPerYear) − 1. */
export function perPeriodRiskFreeRate(annualRate: number, periodsPerYear: number): number {
  return riskFreePerPeriod({ riskFreeRate: annualRate, periodsPerYear }).toNumber();
}

/**
 * (mean(r) − rf) / s(r) × √periodsPerYear, with rf the per-period risk-free rate and s the sample
 * standard deviation (n − 1). null with fewer than 2 returns or s = 0.
 */
export function sharpeRatio(
  returns: readonly number[],
  options: AnnualisationOptions,
): number | null {
  if (returns.length < 2) return null;
  const values = returns.map((value) => new ExactDecimal(value));
  const meanExcess = mean(values).minus(riskFreePerPeriod(options));
  return annualised(meanExcess, sampleStandardDeviation(values), options.periodsPerYear);
}

/**
 * (mean(r) − rf) / DD × √periodsPerYear, with the target downside deviation over all N periods
 * DD = √( Σ min(0, r_i − rf)² / N ). null with fewer than 2 returns or DD = 0.
 */
export function sortinoRatio(
  returns: readonly number[],
  options: AnnualisationOptions,
): number | null {
  if (returns.length < 2) return null;
  const values = returns.map((value) => new ExactDecimal(value));
  const riskFree = riskFreePerPeriod(options);
  const meanExcess = mean(values).minus(riskFree);
  return annualised(meanExcess, downsideDeviation(values, riskFree), options.periodsPerYear);
}

function riskFreePerPeriod({ riskFreeRate, periodsPerYear }: AnnualisationOptions): ExactDecimal {
  const exponent = new ExactDecimal(1).div(periodsPerYear);
  return new ExactDecimal(1).plus(riskFreeRate).pow(exponent).minus(1);
}

function annualised(
  meanExcess: ExactDecimal,
  deviation: ExactDecimal,
  periodsPerYear: number,
): number | null {
  if (deviation.isZero()) return null;
  return meanExcess.div(deviation).times(new ExactDecimal(periodsPerYear).sqrt()).toNumber();
}

function mean(values: readonly ExactDecimal[]): ExactDecimal {
  return sumDecimals(values).div(values.length);
}

function sampleStandardDeviation(values: readonly ExactDecimal[]): ExactDecimal {
  const average = mean(values);
  const squaredDeviations = values.map((value) => value.minus(average).pow(2));
  return sumDecimals(squaredDeviations)
    .div(values.length - 1)
    .sqrt();
}

function downsideDeviation(values: readonly ExactDecimal[], target: ExactDecimal): ExactDecimal {
  const squaredShortfalls = values.map((value) => ExactDecimal.min(0, value.minus(target)).pow(2));
  return sumDecimals(squaredShortfalls).div(values.length).sqrt();
}

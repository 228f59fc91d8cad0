import { Decimal } from 'decimal.js';

/** 50 significant digits: exact for any sum of account money; rounding happens only on output. */
export const ExactDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = Decimal;

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses a plain decimal string ('12', '-0.5', '.25'); anything else is a RangeError naming `field`. */
export function parseDecimal(value: string, field: string): ExactDecimal {
  if (typeof value !== 'string' || !DECIMAL_STRING.test(value)) {
    throw new RangeError(`${field} is not a decimal string: ${JSON.stringify(value)}`);
  }
  return new ExactDecimal(value);
}

export function sumDecimals(values: readonly ExactDecimal[]): ExactDecimal {
  return values.reduce((total, value) => total.plus(value), new ExactDecimal(0));
}

/** Rounds half away from zero to 2 dp; never '-0.00'. */
export function toMoneyString(value: ExactDecimal): string {
  const rounded = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (rounded.isZero() ? new ExactDecimal(0) : rounded).toFixed(2);
}

import { Decimal } from 'decimal.js';
import { ComplianceInputError } from './compliance.errors';

/** Enough significant digits that share counts × prices never round. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = InstanceType<typeof Money>;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** Parses a plain decimal string ("12", "-0.5", "100.25"); exponents, hex, NaN and Infinity are refused. */
export function parseMoney(value: string, field: string): Money {
  if (!PLAIN_DECIMAL.test(value)) {
    throw new ComplianceInputError(`${field} must be a plain decimal string, got "${value}"`);
  }
  return new Money(value);
}

export function parseNonNegative(value: string, field: string): Money {
  const parsed = parseMoney(value, field);
  if (parsed.isNegative()) {
    throw new ComplianceInputError(`${field} must not be negative, got "${value}"`);
  }
  return parsed;
}

export function parsePositive(value: string, field: string): Money {
  const parsed = parseMoney(value, field);
  if (!parsed.isPositive() || parsed.isZero()) {
    throw new ComplianceInputError(`${field} must be greater than zero, got "${value}"`);
  }
  return parsed;
}

/** Plain notation, no exponent, no trailing zeros: "1000", "0.3", "-12.5". */
export function formatMoney(value: Money): string {
  return value.toFixed();
}

export function sumMoney(values: readonly Money[]): Money {
  return values.reduce((total, value) => total.plus(value), new Money(0));
}

export function minMoney(a: Money, b: Money): Money {
  return a.lessThan(b) ? a : b;
}

import Decimal from 'decimal.js';

/** A numeric column's text without PostgreSQL's padding ("10.000000" → "10"). */
export function decimalString(value: string): string;
export function decimalString(value: string | null): string | null;
export function decimalString(value: string | null): string | null {
  return value === null ? null : new Decimal(value).toString();
}

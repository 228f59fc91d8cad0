import { ValidateBy, ValidationArguments } from 'class-validator';

export const MAX_MONEY_LIMIT = 1e9;

/** A number from `min` to `max`, with one message saying what is wrong (its kind, or its range). */
const isNumberBetween = (name: string, min: number, max: number, kind: 'integer' | 'number') => {
  const isKind = (value: unknown): value is number =>
    typeof value === 'number' &&
    (kind === 'integer' ? Number.isInteger(value) : Number.isFinite(value));
  return ValidateBy({
    name: kind === 'integer' ? 'isIntegerBetween' : 'isNumberBetween',
    validator: {
      validate: (value: unknown) => isKind(value) && value >= min && value <= max,
      defaultMessage: ({ value }: ValidationArguments) =>
        isKind(value)
          ? `${name} must be between ${min} and ${max}`
          : `${name} must be ${kind === 'integer' ? 'an integer' : 'a number'}`,
    },
  });
};

/** A whole number from `min` to `max` (a JSON number; strings are refused). */
export const IsIntegerBetween = (name: string, min: number, max: number): PropertyDecorator =>
  isNumberBetween(name, min, max, 'integer');

/** A money limit in dollars: a finite number from 1 to 1e9. */
export const IsMoneyLimit = (name: string): PropertyDecorator =>
  isNumberBetween(name, 1, MAX_MONEY_LIMIT, 'number');

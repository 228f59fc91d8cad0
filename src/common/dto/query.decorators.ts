import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsOptional, isISO8601, Matches } from 'class-validator';
import { IsIntegerBetween } from './number.decorators';

const TICKER = /^[A-Z][A-Z0-9.]{0,9}$/;
const upperCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;

/** A ticker (AAPL, BRK.B), upper-cased first; whether it is on the watchlist is checked later. */
export const IsTicker = (): PropertyDecorator =>
  applyDecorators(
    Transform(upperCase),
    Matches(TICKER, { message: 'symbol must be a ticker like AAPL or BRK.B' }),
  );

/** Decimal digits only: `Number()` alone would also take "0x10", "1e2" or " 5 ". */
const toInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^[+-]?\d{1,16}$/.test(value) ? Number(value) : value;

/** `?limit=`-style integers from `min` to `max`, written in decimal digits. */
export const IsIntegerQuery = (name: string, min: number, max: number): PropertyDecorator =>
  applyDecorators(Transform(toInteger), IsIntegerBetween(name, min, max));

/** Only an ISO-8601 text becomes a Date: `new Date()` would also take "1" or year -271821. */
const toIsoDate = ({ value }: { value: unknown }) =>
  typeof value === 'string' && isISO8601(value, { strict: true }) ? new Date(value) : value;

/** An ISO-8601 date-time (2026-11-25T14:30:00Z) with a four-digit year, as a Date. */
export const IsIsoDateTime = (name: string): PropertyDecorator =>
  applyDecorators(
    Transform(toIsoDate),
    IsDate({ message: `${name} must be an ISO-8601 date-time like 2026-11-25T14:30:00Z` }),
  );

export const MAX_PAGE = 500;

/** `?limit=`: an integer 1..500 (the default lives on the property). */
export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 50 })
  @IsOptional()
  @IsIntegerQuery('limit', 1, MAX_PAGE)
  limit: number = 50;
}

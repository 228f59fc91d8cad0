import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const TICKER = /^[A-Z][A-Z0-9.]{0,9}$/;
const upperCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;

/** A ticker (AAPL, BRK.B), upper-cased first; whether it is on the watchlist is checked later. */
export const IsTicker = (): PropertyDecorator =>
  applyDecorators(
    Transform(upperCase),
    Matches(TICKER, { message: 'symbol must be a ticker like AAPL or BRK.B' }),
  );

export const MAX_PAGE = 500;

/** `?limit=`: an integer 1..500 (the default lives on the property). */
export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: `limit must be between 1 and ${MAX_PAGE}` })
  @Max(MAX_PAGE, { message: `limit must be between 1 and ${MAX_PAGE}` })
  limit: number = 50;
}

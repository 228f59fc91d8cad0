import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** `:symbol` in a path: a well-formed ticker (upper-cased); whether it is on the watchlist is checked after. */
export class SymbolParamDto {
  @ApiProperty({ example: 'AAPL', description: 'A symbol on the watchlist' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
  @Matches(/^[A-Z][A-Z0-9.]{0,9}$/, { message: 'symbol must be a ticker like AAPL or BRK.B' })
  symbol!: string;
}

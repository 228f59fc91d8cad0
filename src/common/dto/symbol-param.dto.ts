import { ApiProperty } from '@nestjs/swagger';
import { IsTicker } from './query.decorators';

/** `:symbol` in a path: a well-formed ticker (upper-cased); whether it is on the watchlist is checked after. */
export class SymbolParamDto {
  @ApiProperty({ example: 'AAPL', description: 'A symbol on the watchlist' })
  @IsTicker()
  symbol!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Bar, Quote } from '../market-data.types';
import { MAX_BARS } from '../market-data.service';

export class BarsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BARS, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: `limit must be between 1 and ${MAX_BARS}` })
  @Max(MAX_BARS, { message: `limit must be between 1 and ${MAX_BARS}` })
  limit: number = 100;
}

export class QuoteDto {
  @ApiProperty() symbol!: string;
  @ApiProperty() bid!: number;
  @ApiProperty() ask!: number;
  @ApiProperty() last!: number;
  @ApiProperty() time!: Date;

  static from(quote: Quote): QuoteDto {
    return {
      symbol: quote.symbol,
      bid: quote.bid,
      ask: quote.ask,
      last: quote.last,
      time: quote.time,
    };
  }
}

export class BarDto {
  @ApiProperty({ description: 'Open time of the 1-minute bar (UTC)' }) time!: Date;
  @ApiProperty() open!: number;
  @ApiProperty() high!: number;
  @ApiProperty() low!: number;
  @ApiProperty() close!: number;
  @ApiProperty() volume!: number;

  static from(bar: Bar): BarDto {
    return {
      time: bar.time,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
    };
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIntegerQuery } from '../../common/dto/query.decorators';
import type { Bar, Quote } from '../market-data.types';
import { MAX_BARS } from '../market-data.service';

export class BarsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BARS, default: 100 })
  @IsOptional()
  @IsIntegerQuery('limit', 1, MAX_BARS)
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { SignalEntity } from '../signal.entity';
import { SIGNAL_DIRECTIONS, SignalDirection } from '../strategy.interface';
import { IsIsoDateTime, IsTicker, LimitQueryDto } from '../../common/dto/query.decorators';

export class EvaluateStrategyDto {
  @ApiProperty({ example: 'AAPL' })
  @IsTicker()
  symbol!: string;
}

/** Filters shared by the journal queries; `limit` is bounded. */
export class JournalQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ example: 'AAPL' })
  @IsOptional()
  @IsTicker()
  symbol?: string;

  @ApiPropertyOptional({ description: 'Only entries at or after this time (ISO-8601)' })
  @IsOptional()
  @IsIsoDateTime('since')
  since?: Date;
}

export class SignalQueryDto extends JournalQueryDto {
  @ApiPropertyOptional({ example: 'sma-crossover' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'strategy must be a strategy name like sma-crossover' })
  strategy?: string;

  @ApiPropertyOptional({ enum: SIGNAL_DIRECTIONS })
  @IsOptional()
  @IsIn(SIGNAL_DIRECTIONS, { message: `direction must be one of ${SIGNAL_DIRECTIONS.join(', ')}` })
  direction?: SignalDirection;
}

export class SignalDto {
  @ApiProperty() id!: string;
  @ApiProperty() strategy!: string;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: SIGNAL_DIRECTIONS }) direction!: SignalDirection;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) magnitude!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) horizonMinutes!: number | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Last price when generated (decimal string)' }) price!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) parameters!: Record<
    string,
    number
  >;
  @ApiProperty() generatedAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) expiresAt!: Date | null;

  static from(signal: SignalEntity): SignalDto {
    return { ...signal };
  }
}

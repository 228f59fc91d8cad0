import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsIntegerBetween, IsMoneyLimit } from '../common/dto/number.decorators';
import { IsOmittable } from '../common/dto/optional.decorator';
import { RiskService } from './risk.service';
import { TRADING_STATES, TradingState } from './risk.types';
import type { RiskLimits } from './risk.types';

export class RiskLimitsDto implements Partial<RiskLimits> {
  @ApiPropertyOptional() @IsOmittable() @IsMoneyLimit('maxOrderNotional') maxOrderNotional?: number;
  @ApiPropertyOptional()
  @IsOmittable()
  @IsMoneyLimit('maxPositionNotional')
  maxPositionNotional?: number;
  @ApiPropertyOptional()
  @IsOmittable()
  @IsIntegerBetween('maxOpenPositions', 1, 1000)
  maxOpenPositions?: number;
  @ApiPropertyOptional() @IsOmittable() @IsMoneyLimit('dailyLossLimit') dailyLossLimit?: number;
}

export class RiskDto {
  @ApiProperty({ enum: TRADING_STATES }) tradingState!: TradingState;
  @ApiProperty() limits!: RiskLimitsDto;
  @ApiProperty({ description: 'Realized P/L since 00:00 UTC' }) realizedToday!: string;
}

export class TradingStateChangeDto {
  @ApiPropertyOptional({ description: 'Why (kept in the risk journal)' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

@ApiTags('risk')
@ApiBearerAuth()
@Controller('api')
export class RiskController {
  constructor(private readonly risk: RiskService) {}

  @Get('risk')
  @ApiOkResponse({ type: RiskDto })
  async get(): Promise<RiskDto> {
    return {
      tradingState: this.risk.tradingState,
      limits: this.risk.currentLimits,
      realizedToday: (await this.risk.realizedToday()).toFixed(2),
    };
  }

  @Put('risk/limits')
  @ApiOkResponse({ type: RiskLimitsDto })
  setLimits(@Body() limits: RiskLimitsDto): Promise<RiskLimits> {
    return this.risk.setLimits(limits);
  }

  @Post('trading/halt')
  @HttpCode(200)
  @ApiOkResponse({ type: RiskDto })
  async halt(@Body() body: TradingStateChangeDto): Promise<RiskDto> {
    await this.risk.setState('halted', body.reason ?? 'manual halt');
    return this.get();
  }

  @Post('trading/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: RiskDto })
  async resume(@Body() body: TradingStateChangeDto): Promise<RiskDto> {
    await this.risk.setState('active', body.reason ?? 'manual resume');
    return this.get();
  }
}

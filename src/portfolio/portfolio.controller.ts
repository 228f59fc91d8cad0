import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { PortfolioService } from './portfolio.service';
import type { PortfolioValuation, PositionValuation } from './portfolio.service';

export class PositionDto {
  @ApiProperty() symbol!: string;
  @ApiProperty({ description: 'decimal string' }) quantity!: string;
  @ApiProperty({ description: 'per share, buy fees included' }) averageCost!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lastPrice!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) marketValue!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) unrealizedPnl!: string | null;
  @ApiProperty() realizedPnl!: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) openedAt!: Date | null;
}

export class PortfolioDto {
  @ApiProperty() cash!: string;
  @ApiProperty() positionsValue!: string;
  @ApiProperty({ description: 'cash + positions at the last price' }) equity!: string;
  @ApiProperty() unrealizedPnl!: string;
  @ApiProperty() realizedPnl!: string;
  @ApiProperty({ type: [PositionDto] }) positions!: PositionDto[];
  @ApiProperty({ description: 'symbols valued at cost because no price was available' })
  unpriced!: string[];
  @ApiProperty() at!: Date;
}

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller('api')
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('positions')
  @ApiOkResponse({ type: [PositionDto] })
  async positions(): Promise<PositionValuation[]> {
    return (await this.portfolio.valuation()).positions;
  }

  @Get('portfolio')
  @ApiOkResponse({ type: PortfolioDto })
  portfolioValuation(): Promise<PortfolioValuation> {
    return this.portfolio.valuation();
  }
}

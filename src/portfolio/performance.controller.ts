import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { StrategyRegistry } from '../strategies/strategy-registry.service';
import { MANUAL_STRATEGY_KEY } from './performance';
import type { PerformanceStatistics } from './performance';
import { PerformanceService } from './performance.service';

export class PerformanceQueryDto {
  @ApiPropertyOptional({
    example: 'sma-crossover',
    description: `A strategy name, or "${MANUAL_STRATEGY_KEY}" for API orders`,
  })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'strategy must be a strategy name like sma-crossover' })
  strategy?: string;
}

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller('api/performance')
export class PerformanceController {
  constructor(
    private readonly performance: PerformanceService,
    private readonly strategies: StrategyRegistry,
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      'Win rate, profit factor, Sharpe, Sortino, drawdown, streaks, P/L by day and month (docs/PERFORMANCE_STATISTICS.md)',
  })
  statistics(@Query() { strategy }: PerformanceQueryDto): Promise<PerformanceStatistics> {
    if (strategy !== undefined && strategy !== MANUAL_STRATEGY_KEY) this.strategies.get(strategy);
    return this.performance.statistics(strategy);
  }
}

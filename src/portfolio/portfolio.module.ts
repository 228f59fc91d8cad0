import { Module } from '@nestjs/common';
import { MarketDataModule } from '../market-data/market-data.module';
import { MetricsModule } from '../observability';
import { StrategiesModule } from '../strategies/strategies.module';
import { PerformanceController } from './performance.controller';
import { PERFORMANCE_METRICS } from './performance.metrics';
import { PerformanceService } from './performance.service';
import { PortfolioController } from './portfolio.controller';
import { PORTFOLIO_METRICS } from './portfolio.metrics';
import { PortfolioService } from './portfolio.service';

@Module({
  imports: [
    MarketDataModule,
    StrategiesModule,
    MetricsModule.forFeature([...PORTFOLIO_METRICS, ...PERFORMANCE_METRICS]),
  ],
  controllers: [PortfolioController, PerformanceController],
  providers: [PortfolioService, PerformanceService],
  exports: [PortfolioService, PerformanceService],
})
export class PortfolioModule {}

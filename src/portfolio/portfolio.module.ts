import { Module } from '@nestjs/common';
import { MarketDataModule } from '../market-data/market-data.module';
import { MetricsModule } from '../observability';
import { PortfolioController } from './portfolio.controller';
import { PORTFOLIO_METRICS } from './portfolio.metrics';
import { PortfolioService } from './portfolio.service';

@Module({
  imports: [MarketDataModule, MetricsModule.forFeature(PORTFOLIO_METRICS)],
  controllers: [PortfolioController],
  providers: [PortfolioService],
  exports: [PortfolioService],
})
export class PortfolioModule {}

import { Module } from '@nestjs/common';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { ExecutionModule } from '../execution/execution.module';
import { MarketDataModule } from '../market-data/market-data.module';
import { MetricsModule } from '../observability';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { TradingCycleService } from './trading-cycle.service';
import { TradingLeadership } from './trading-leadership';
import { TradingScheduler } from './trading-scheduler';
import { TradingController } from './trading.controller';
import { TRADING_METRICS } from './trading.metrics';

@Module({
  imports: [
    MarketDataModule,
    EvaluationModule,
    ExecutionModule,
    PortfolioModule,
    MetricsModule.forFeature(TRADING_METRICS),
  ],
  controllers: [TradingController],
  providers: [TradingLeadership, TradingCycleService, TradingScheduler],
})
export class TradingModule {}

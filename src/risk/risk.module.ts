import { Module } from '@nestjs/common';
import { MetricsModule } from '../observability';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { RiskController } from './risk.controller';
import { RISK_METRICS } from './risk.metrics';
import { RiskService } from './risk.service';

@Module({
  imports: [PortfolioModule, MetricsModule.forFeature(RISK_METRICS)],
  controllers: [RiskController],
  providers: [RiskService],
  exports: [RiskService],
})
export class RiskModule {}

import { Module } from '@nestjs/common';
import { MetricsModule } from '../observability';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { ComplianceController } from './compliance/compliance.controller';
import { COMPLIANCE_METRICS } from './compliance/compliance.metrics';
import { ComplianceService } from './compliance/compliance.service';
import { RiskController } from './risk.controller';
import { RISK_METRICS } from './risk.metrics';
import { RiskService } from './risk.service';

@Module({
  imports: [PortfolioModule, MetricsModule.forFeature([...RISK_METRICS, ...COMPLIANCE_METRICS])],
  controllers: [RiskController, ComplianceController],
  providers: [RiskService, ComplianceService],
  exports: [RiskService],
})
export class RiskModule {}

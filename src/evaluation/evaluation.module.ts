import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketDataModule } from '../market-data/market-data.module';
import { MetricsModule } from '../observability';
import { StrategiesModule } from '../strategies/strategies.module';
import { DecisionEntity } from './decision.entity';
import { DecisionsController } from './decisions.controller';
import { EVALUATION_METRICS } from './evaluation.metrics';
import { EvaluationService } from './evaluation.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([DecisionEntity]),
    MetricsModule.forFeature(EVALUATION_METRICS),
    MarketDataModule,
    StrategiesModule,
  ],
  controllers: [DecisionsController],
  providers: [EvaluationService],
  exports: [EvaluationService],
})
export class EvaluationModule {}

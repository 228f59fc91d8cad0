import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketDataModule } from '../market-data/market-data.module';
import { MetricsModule } from '../observability';
import { OptionsFlowModule } from '../options-flow/options-flow.module';
import { SentimentModule } from '../sentiment/sentiment.module';
import { SignalEntity } from './signal.entity';
import { SignalsService } from './signals.service';
import { StrategiesController } from './strategies.controller';
import { STRATEGY_METRICS } from './strategies.metrics';
import { StrategyContextBuilder } from './strategy-context.service';
import { StrategyRegistry } from './strategy-registry.service';
import { StrategySettingEntity } from './strategy-setting.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([SignalEntity, StrategySettingEntity]),
    MetricsModule.forFeature(STRATEGY_METRICS),
    MarketDataModule,
    SentimentModule,
    OptionsFlowModule,
  ],
  controllers: [StrategiesController],
  providers: [StrategyRegistry, StrategyContextBuilder, SignalsService],
  exports: [StrategyRegistry, SignalsService],
})
export class StrategiesModule {}

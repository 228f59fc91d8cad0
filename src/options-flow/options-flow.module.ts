import { Module } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { MarketDataModule } from '../market-data/market-data.module';
import { MetricsModule } from '../observability';
import { VendorHttpClient } from '../providers/http/vendor-http-client';
import { HttpOptionsFlow } from './http-options-flow';
import { OptionsFlowController } from './options-flow.controller';
import { OPTIONS_FLOW_METRICS } from './options-flow.metrics';
import { OptionsFlowService } from './options-flow.service';
import { OPTIONS_FLOW_SOURCE, OptionsFlowSource } from './options-flow.types';
import { SimulatedOptionsFlow } from './simulated-options-flow';

const optionsFlowSource = (
  config: AppConfig,
  clock: Clock,
  http: VendorHttpClient,
): OptionsFlowSource =>
  config.optionsFlow.source === 'http'
    ? new HttpOptionsFlow(http)
    : new SimulatedOptionsFlow(config.marketData.seed, clock);

@Module({
  imports: [MarketDataModule, MetricsModule.forFeature(OPTIONS_FLOW_METRICS)],
  controllers: [OptionsFlowController],
  providers: [
    OptionsFlowService,
    {
      provide: OPTIONS_FLOW_SOURCE,
      useFactory: optionsFlowSource,
      inject: [AppConfig, Clock, VendorHttpClient],
    },
  ],
  exports: [OptionsFlowService],
})
export class OptionsFlowModule {}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { AppConfig } from '../config';
import { MarketDataService } from '../market-data/market-data.service';
import { InjectMetric } from '../observability';
import { ProviderGateway } from '../providers/provider-gateway.service';
import { OPTIONS_FLOW_SOURCE, OptionsFlow, OptionsFlowSource } from './options-flow.types';

const LOOKBACK_BARS = 60;

@Injectable()
export class OptionsFlowService implements OnModuleInit {
  constructor(
    @Inject(OPTIONS_FLOW_SOURCE) private readonly source: OptionsFlowSource,
    private readonly marketData: MarketDataService,
    private readonly gateway: ProviderGateway,
    private readonly config: AppConfig,
    @InjectMetric('options_flow_unusual_activity_total') private readonly unusual: Counter<string>,
  ) {}

  onModuleInit(): void {
    this.gateway.register(this.source.name, 'options_flow');
  }

  async flow(symbol: string): Promise<OptionsFlow> {
    const bars = await this.marketData.bars(symbol, LOOKBACK_BARS);
    const flow = await this.gateway.fetch({
      provider: this.source.name,
      endpoint: 'options_flow',
      key: `options-flow:${symbol}`,
      ttlMs: this.config.marketData.cacheTtlMs,
      load: (observer) => this.source.flow(symbol, bars, observer),
      dataTime: (value) => value.time,
    });
    if (flow.unusual) this.unusual.inc({ symbol, bias: flow.putCallRatio < 1 ? 'calls' : 'puts' });
    return flow;
  }
}

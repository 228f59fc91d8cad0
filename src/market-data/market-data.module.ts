import { Module } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { VendorHttpClient } from '../providers/http/vendor-http-client';
import { HttpMarket } from './adapters/http-market';
import { ReplayMarket } from './adapters/replay-market';
import { SimulatedMarket } from './adapters/simulated-market';
import { MarketDataController } from './market-data.controller';
import { MARKET_DATA_PROVIDER, MarketDataProvider } from './market-data.port';
import { MarketDataService } from './market-data.service';
import { Watchlist } from './watchlist';

function marketDataProvider(
  config: AppConfig,
  clock: Clock,
  http: VendorHttpClient,
): MarketDataProvider {
  switch (config.marketData.source) {
    case 'simulated':
      return new SimulatedMarket(clock, { seed: config.marketData.seed });
    case 'replay':
      return new ReplayMarket(clock, { directory: config.marketData.replayDir });
    case 'http':
      return new HttpMarket(http);
  }
}

@Module({
  controllers: [MarketDataController],
  providers: [
    Watchlist,
    MarketDataService,
    {
      provide: MARKET_DATA_PROVIDER,
      useFactory: marketDataProvider,
      inject: [AppConfig, Clock, VendorHttpClient],
    },
  ],
  exports: [MarketDataService, Watchlist],
})
export class MarketDataModule {}

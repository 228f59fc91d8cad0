import { Module } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { MarketDataModule } from '../market-data/market-data.module';
import { MarketDataService } from '../market-data/market-data.service';
import { MetricsModule } from '../observability';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { RiskModule } from '../risk/risk.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { BrokerHealth } from './broker-health';
import { BROKER, Broker } from './broker.port';
import { EXECUTION_METRICS } from './execution.metrics';
import { OrderReconciler } from './order-reconciler';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { IbkrBroker } from './ibkr';
import { PaperBroker } from './paper/paper-broker';

function broker(config: AppConfig, clock: Clock, marketData: MarketDataService): Broker {
  if (config.execution.broker === 'ibkr') {
    return new IbkrBroker(
      { ...config.execution.ibkr, reconnectDelayMs: 1000, maxReconnectDelayMs: 30_000 },
      clock,
    );
  }
  return new PaperBroker(
    async (symbol) => {
      const [quote, [bar]] = await Promise.all([
        marketData.quote(symbol),
        marketData.bars(symbol, 1),
      ]);
      return { bid: quote.bid, ask: quote.ask, barVolume: bar?.volume ?? 0 };
    },
    clock,
    {
      seed: config.marketData.seed,
      slippage: { ...config.execution.paperSlippage, impact: 0.1 },
      fees: { perShare: 0.005, minimum: 1, maximumRate: 0.01 },
      maxVolumeShare: 0.025,
      latencyMs: { min: 2, max: 10 },
    },
  );
}

@Module({
  imports: [
    MarketDataModule,
    PortfolioModule,
    RiskModule,
    StrategiesModule,
    MetricsModule.forFeature(EXECUTION_METRICS),
  ],
  controllers: [OrdersController],
  providers: [
    OrdersService,
    OrderReconciler,
    BrokerHealth,
    { provide: BROKER, useFactory: broker, inject: [AppConfig, Clock, MarketDataService] },
  ],
  exports: [OrdersService],
})
export class ExecutionModule {}

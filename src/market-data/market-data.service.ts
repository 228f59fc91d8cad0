import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config';
import { ProviderGateway } from '../providers/provider-gateway.service';
import { MARKET_DATA_PROVIDER, MarketDataProvider } from './market-data.port';
import type { Bar, Quote } from './market-data.types';
import { Watchlist } from './watchlist';

const MINUTE_MS = 60_000;
export const MAX_BARS = 1000;

/** Quotes and bars for watchlist symbols, through the cache and the instrumented gateway. */
@Injectable()
export class MarketDataService implements OnModuleInit {
  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly gateway: ProviderGateway,
    private readonly watchlist: Watchlist,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.gateway.register(this.provider.name, 'market_data');
  }

  quote(symbol: string): Promise<Quote> {
    const known = this.watchlist.require(symbol);
    return this.gateway.fetch({
      provider: this.provider.name,
      endpoint: 'quote',
      key: `market:quote:${known}`,
      ttlMs: this.config.marketData.cacheTtlMs,
      load: (observer) => this.provider.quote(known, observer),
      dataTime: (quote) => quote.time,
    });
  }

  /** The latest `limit` (1..1000) completed bars, oldest first. */
  bars(symbol: string, limit: number): Promise<Bar[]> {
    const known = this.watchlist.require(symbol);
    const count = Math.min(Math.max(Math.trunc(limit), 1), MAX_BARS);
    return this.gateway.fetch({
      provider: this.provider.name,
      endpoint: 'bars',
      key: `market:bars:${known}:${count}`,
      ttlMs: this.config.marketData.cacheTtlMs,
      load: (observer) => this.provider.bars(known, count, observer),
      dataTime: (bars) => new Date((bars.at(-1)?.time.getTime() ?? 0) + MINUTE_MS),
    });
  }
}

import type { VendorCallObserver } from '../providers/http/vendor-http-client';
import type { Bar, Quote } from './market-data.types';

/** What the trading code sees of a market-data source; adapters implement it. */
export interface MarketDataProvider {
  /** Bounded, code-defined name (a metric label): market_simulated, market_replay, market_http. */
  readonly name: string;
  /** `observer` hears about retries and rate limits (HTTP adapters only). */
  quote(symbol: string, observer?: VendorCallObserver): Promise<Quote>;
  /** The latest `limit` completed 1-minute bars, oldest first. */
  bars(symbol: string, limit: number, observer?: VendorCallObserver): Promise<Bar[]>;
}

export const MARKET_DATA_PROVIDER = Symbol('MARKET_DATA_PROVIDER');

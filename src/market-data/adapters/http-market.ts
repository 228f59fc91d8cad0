import { VendorHttpClient } from '../../providers/http/vendor-http-client';
import type { VendorCallObserver } from '../../providers/http/vendor-http-client';
import { asArray, asDate, asNumber, asRecord } from '../../providers/http/payload';
import type { MarketDataProvider } from '../market-data.port';
import type { Bar, Quote } from '../market-data.types';

const parseBar = (raw: unknown): Bar => {
  const bar = asRecord(raw, 'bar');
  return {
    time: asDate(bar.time, 'bar.time'),
    open: asNumber(bar.open, 'bar.open'),
    high: asNumber(bar.high, 'bar.high'),
    low: asNumber(bar.low, 'bar.low'),
    close: asNumber(bar.close, 'bar.close'),
    volume: asNumber(bar.volume, 'bar.volume'),
  };
};

/**
 * A market-data vendor over HTTP: `GET {base}/quotes/{symbol}` → `{bid, ask, last, time}` and
 * `GET {base}/bars/{symbol}?limit=N` → `{bars: [{time, open, high, low, close, volume}]}`.
 */
export class HttpMarket implements MarketDataProvider {
  readonly name = 'market_http';
  constructor(private readonly client: VendorHttpClient) {}

  quote(symbol: string, observer?: VendorCallObserver): Promise<Quote> {
    return this.client.getJson(
      `/quotes/${encodeURIComponent(symbol)}`,
      {},
      (body) => {
        const quote = asRecord(body, 'quote');
        return {
          symbol,
          bid: asNumber(quote.bid, 'quote.bid'),
          ask: asNumber(quote.ask, 'quote.ask'),
          last: asNumber(quote.last, 'quote.last'),
          time: asDate(quote.time, 'quote.time'),
        };
      },
      observer,
    );
  }

  bars(symbol: string, limit: number, observer?: VendorCallObserver): Promise<Bar[]> {
    return this.client.getJson(
      `/bars/${encodeURIComponent(symbol)}`,
      { limit },
      (body) => asArray(asRecord(body, 'bars response').bars, 'bars').map(parseBar),
      observer,
    );
  }
}

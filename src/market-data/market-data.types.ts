/** One OHLCV bar (1 minute unless stated); prices in the quote currency, UTC time of the bar's open. */
export interface Bar {
  time: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Top of book for a symbol. */
export interface Quote {
  symbol: string;
  bid: number;
  ask: number;
  last: number;
  time: Date;
}

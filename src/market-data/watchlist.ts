import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config';
import { NotFoundError } from '../common/errors/domain-error';

/** The symbols tradewatch trades: the only ones the API accepts and the only symbol label values. */
@Injectable()
export class Watchlist {
  readonly symbols: readonly string[];
  private readonly known: ReadonlySet<string>;

  constructor(config: AppConfig) {
    this.symbols = config.marketData.watchlist;
    this.known = new Set(this.symbols);
  }

  has(symbol: string): boolean {
    return this.known.has(symbol);
  }

  /** The symbol, or a 404 naming the watchlist. */
  require(symbol: string): string {
    if (this.has(symbol)) return symbol;
    throw new NotFoundError(
      `unknown symbol "${symbol.slice(0, 16)}": not on the watchlist (${this.symbols.join(', ')})`,
    );
  }
}

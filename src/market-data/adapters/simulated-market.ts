import { hashSeed, SeededRandom } from '../../common/random/seeded-random';
import type { Clock } from '../../common/clock/clock';
import type { MarketDataProvider } from '../market-data.port';
import type { Bar, Quote } from '../market-data.types';

const MINUTE_MS = 60_000;
const MINUTES_PER_YEAR = 252 * 390;

/** A market regime: annualised drift and volatility, and how likely it is to end each minute. */
interface Regime {
  name: 'bull' | 'bear' | 'sideways' | 'volatile';
  drift: number;
  volatility: number;
  exitProbability: number;
}

const REGIMES: readonly Regime[] = [
  { name: 'bull', drift: 0.6, volatility: 0.25, exitProbability: 0.01 },
  { name: 'bear', drift: -0.6, volatility: 0.35, exitProbability: 0.01 },
  { name: 'sideways', drift: 0, volatility: 0.15, exitProbability: 0.008 },
  { name: 'volatile', drift: 0, volatility: 0.8, exitProbability: 0.03 },
];

const KNOWN_PRICES: Record<string, number> = {
  AAPL: 190,
  MSFT: 420,
  NVDA: 120,
  SPY: 560,
  TSLA: 250,
};

export interface SimulatedMarketOptions {
  seed: number;
  /** How many minutes of history exist before the clock's time at first use. @default 1440 */
  historyMinutes?: number;
  /** Quoted half-spread in basis points. @default 2 */
  halfSpreadBps?: number;
}

class SymbolPath {
  readonly bars: Bar[] = [];
  private readonly random: SeededRandom;
  private regime: Regime;
  private price: number;

  constructor(
    symbol: string,
    seed: number,
    private nextOpen: number,
  ) {
    this.random = new SeededRandom(hashSeed(seed, symbol));
    this.price = KNOWN_PRICES[symbol] ?? Math.round(this.random.between(20, 500));
    this.regime = REGIMES[Math.floor(this.random.next() * REGIMES.length)];
  }

  extendTo(timeMs: number): void {
    while (this.nextOpen + MINUTE_MS <= timeMs) {
      this.bars.push(this.nextBar());
      this.nextOpen += MINUTE_MS;
    }
  }

  private nextBar(): Bar {
    if (this.random.next() < this.regime.exitProbability) {
      this.regime = REGIMES[Math.floor(this.random.next() * REGIMES.length)];
    }
    const { drift, volatility } = this.regime;
    const dt = 1 / MINUTES_PER_YEAR;
    const open = this.price;
    const close =
      open *
      Math.exp(
        (drift - volatility ** 2 / 2) * dt + volatility * Math.sqrt(dt) * this.random.normal(),
      );
    const wick = volatility * Math.sqrt(dt) * open;
    const high = Math.max(open, close) + Math.abs(this.random.normal()) * wick * 0.5;
    const low = Math.min(open, close) - Math.abs(this.random.normal()) * wick * 0.5;
    const volume = Math.round(20_000 * Math.exp(this.random.normal() * 0.5) * (1 + volatility));
    this.price = close;
    return { time: new Date(this.nextOpen), open, high, low: Math.max(low, 0.01), close, volume };
  }
}

/**
 * The default market: per symbol a seeded geometric Brownian motion whose drift and volatility
 * switch between regimes, advancing one 1-minute bar per minute of the clock. Deterministic: the
 * same seed and start time give the same bars.
 */
export class SimulatedMarket implements MarketDataProvider {
  readonly name = 'market_simulated';
  private readonly paths = new Map<string, SymbolPath>();
  private readonly origin: number;
  private readonly halfSpread: number;

  constructor(
    private readonly clock: Clock,
    private readonly options: SimulatedMarketOptions,
  ) {
    const start = Math.floor(clock.now().getTime() / MINUTE_MS) * MINUTE_MS;
    this.origin = start - (options.historyMinutes ?? 1440) * MINUTE_MS;
    this.halfSpread = (options.halfSpreadBps ?? 2) / 10_000;
  }

  async bars(symbol: string, limit: number): Promise<Bar[]> {
    return this.path(symbol).bars.slice(-limit);
  }

  async quote(symbol: string): Promise<Quote> {
    const path = this.path(symbol);
    const last = path.bars[path.bars.length - 1].close;
    return {
      symbol,
      last,
      bid: last * (1 - this.halfSpread),
      ask: last * (1 + this.halfSpread),
      time: this.clock.now(),
    };
  }

  private path(symbol: string): SymbolPath {
    let path = this.paths.get(symbol);
    if (!path) {
      path = new SymbolPath(symbol, this.options.seed, this.origin);
      this.paths.set(symbol, path);
    }
    path.extendTo(this.clock.now().getTime());
    return path;
  }
}

/**
 * Strategy inputs for benchmarks: windows sliding over the deterministic simulated market, with
 * deterministic sentiment and options flow that vary enough to reach every branch of the rules.
 */
import { ManualClock } from '../../src/common/clock/clock';
import { hashSeed, SeededRandom } from '../../src/common/random/seeded-random';
import { SimulatedMarket } from '../../src/market-data/adapters/simulated-market';
import type { Bar } from '../../src/market-data/market-data.types';
import type {
  OptionsFlowSnapshot,
  SentimentSnapshot,
  SignalDirection,
  Strategy,
  StrategyContext,
  StrategyParameters,
} from '../../src/strategies/strategy.interface';

const MINUTE_MS = 60_000;

export interface MarketSpec {
  seed: number;
  /** 1-minute bars of history per symbol: the series the windows slide over. */
  historyMinutes: number;
  symbols: readonly string[];
  /** The simulated market's clock. */
  now: Date;
}

/** One strategy with its default parameters and every window it is evaluated on. */
export interface StrategyCase {
  strategy: Strategy;
  parameters: StrategyParameters;
  /** Bars per context: requiredBars(defaultParameters) + the extra bars. */
  windowBars: number;
  contexts: readonly StrategyContext[];
}

export type Series = ReadonlyMap<string, readonly Bar[]>;

export async function marketSeries(spec: MarketSpec): Promise<Series> {
  const market = new SimulatedMarket(new ManualClock(spec.now), {
    seed: spec.seed,
    historyMinutes: spec.historyMinutes,
  });
  const series = new Map<string, readonly Bar[]>();
  for (const symbol of spec.symbols) {
    series.set(symbol, await market.bars(symbol, spec.historyMinutes));
  }
  return series;
}

/** Score in [-1, 1] (many beyond the usual ±0.3 threshold), providers diverging 30 % of the time. */
function sentimentFrom(random: SeededRandom): SentimentSnapshot {
  return { score: random.between(-1, 1), divergence: random.next() < 0.3 };
}

/** Put/call ratio log-uniform in 0.25–4 (both sides of 0.7 and 1.3), unusual 60 % of the time. */
function optionsFlowFrom(random: SeededRandom): OptionsFlowSnapshot {
  const callPremium = Math.round(random.between(1e5, 5e6));
  const putCallRatio = 2 ** random.between(-2, 2);
  return {
    callPremium,
    putPremium: callPremium * putCallRatio,
    putCallRatio,
    unusual: random.next() < 0.6,
  };
}

/** Every window of `windowBars` consecutive bars of one symbol, oldest first. */
function slidingContexts(
  symbol: string,
  bars: readonly Bar[],
  windowBars: number,
  random: SeededRandom,
): StrategyContext[] {
  const contexts: StrategyContext[] = [];
  for (let end = windowBars; end <= bars.length; end++) {
    const window = bars.slice(end - windowBars, end);
    contexts.push({
      symbol,
      bars: window,
      now: new Date(window[window.length - 1].time.getTime() + MINUTE_MS),
      sentiment: sentimentFrom(random),
      optionsFlow: optionsFlowFrom(random),
    });
  }
  return contexts;
}

/** Contexts of all symbols, interleaved so consecutive evaluations see different symbols. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const longest = Math.max(...lists.map((list) => list.length));
  const result: T[] = [];
  for (let i = 0; i < longest; i++) {
    for (const list of lists) if (i < list.length) result.push(list[i]);
  }
  return result;
}

export function strategyCase(
  strategy: Strategy,
  series: Series,
  extraBars: number,
  seed: number,
): StrategyCase {
  const parameters = strategy.defaultParameters;
  const windowBars = strategy.requiredBars(parameters) + extraBars;
  const perSymbol = [...series].map(([symbol, bars]) =>
    slidingContexts(
      symbol,
      bars,
      windowBars,
      new SeededRandom(hashSeed(seed, symbol, strategy.name)),
    ),
  );
  const contexts = interleave(perSymbol);
  if (contexts.length === 0) {
    throw new Error(`${strategy.name}: no ${windowBars}-bar window in the series; add history`);
  }
  return { strategy, parameters, windowBars, contexts };
}

export type DirectionCounts = Record<SignalDirection, number>;

/** How often each direction comes out over all contexts: proof the branches are exercised. */
export function directionsOf(strategyCase: StrategyCase): DirectionCounts {
  const counts: DirectionCounts = { long: 0, short: 0, flat: 0 };
  for (const context of strategyCase.contexts) {
    counts[strategyCase.strategy.evaluate(context, strategyCase.parameters).direction]++;
  }
  return counts;
}

import type { Bar } from '../market-data/market-data.types';

/** Lean's Insight direction: long (up), short (down) or flat (no view). */
export const SIGNAL_DIRECTIONS = ['long', 'short', 'flat'] as const;
export type SignalDirection = (typeof SIGNAL_DIRECTIONS)[number];

export interface SentimentSnapshot {
  /** Aggregated score in [-1, 1] (negative = bearish). */
  score: number;
  /** True when the providers disagree beyond the configured threshold. */
  divergence: boolean;
}

export interface OptionsFlowSnapshot {
  callPremium: number;
  putPremium: number;
  /** putPremium / callPremium. */
  putCallRatio: number;
  /** True when today's premium is far above its usual level. */
  unusual: boolean;
}

/** What a strategy sees for one symbol at one moment. Bars are oldest first. */
export interface StrategyContext {
  symbol: string;
  bars: readonly Bar[];
  now: Date;
  sentiment?: SentimentSnapshot;
  optionsFlow?: OptionsFlowSnapshot;
}

/** A strategy's view, before it is stamped with strategy, symbol and time and stored. */
export interface SignalDraft {
  direction: SignalDirection;
  /** 0..1 */
  confidence: number;
  /** Expected relative move (e.g. 0.01 = 1 %), when the strategy has an estimate. */
  magnitude?: number;
  /** How long the view is expected to hold, in minutes. */
  horizonMinutes?: number;
  /** A short, human-readable why (stored; never a metric label). */
  reason: string;
}

export interface ParameterRange {
  min: number;
  max: number;
  integer?: boolean;
}

export type StrategyParameters = Record<string, number>;

/** A pure function of its context and parameters: no I/O, no clock, no state between calls. */
export interface Strategy<P extends StrategyParameters = StrategyParameters> {
  /** kebab-case, stable: it is a metric label value and a URL segment. */
  readonly name: string;
  readonly description: string;
  readonly defaultParameters: P;
  readonly parameterRanges: { readonly [K in keyof P]: ParameterRange };
  /** Fewest bars the strategy needs for a view (fewer: it answers flat with confidence 0). */
  requiredBars(parameters: P): number;
  readonly usesSentiment?: boolean;
  readonly usesOptionsFlow?: boolean;
  evaluate(context: StrategyContext, parameters: P): SignalDraft;
}

import { ATR, DonchianChannels } from 'trading-signals';
import type { Bar } from '../../market-data/market-data.types';
import type { SignalDraft, Strategy, StrategyContext } from '../strategy.interface';
import {
  clampConfidence,
  flat,
  lastBars,
  rejectInputs,
  round,
  type ParameterRanges,
} from './signal-draft.helpers';

export type BreakoutParameters = {
  /** Bars before the latest one that form the channel (and its ATR). Default 20. */
  lookback: number;
};

const parameterRanges: ParameterRanges<BreakoutParameters> = {
  lookback: { min: 2, max: 250, integer: true },
};

function requiredBars(parameters: BreakoutParameters): number {
  return parameters.lookback + 1;
}

interface Channel {
  upper: number;
  lower: number;
  atr: number;
}

function channelOf(bars: readonly Bar[], lookback: number): Channel | undefined {
  const candles = bars.map(({ high, low, close }) => ({ high, low, close }));
  const donchian = new DonchianChannels(lookback).updates(candles, false).at(-1);
  const atr = new ATR(lookback).updates(candles, false).at(-1);
  if (!donchian || atr === null || atr === undefined) return undefined;
  return { upper: donchian.upper, lower: donchian.lower, atr };
}

/** Break size in ATRs of the channel bars, capped at 1; any break of a motionless channel is 1. */
function breakConfidence(excess: number, atr: number): number {
  return atr > 0 ? clampConfidence(excess / atr) : 1;
}

function describeBreak(
  close: number,
  side: string,
  edge: number,
  excess: number,
  atr: number,
): string {
  const inAtr = atr > 0 ? `${round(excess / atr)} ATR` : 'channel had no range';
  return `close ${round(close)} broke ${side} ${round(edge)} by ${round(excess)} (${inAtr})`;
}

function view(close: number, channel: Channel, lookback: number): SignalDraft {
  const { upper, lower, atr } = channel;
  if (close > upper) {
    return {
      direction: 'long',
      confidence: breakConfidence(close - upper, atr),
      horizonMinutes: lookback,
      reason: describeBreak(close, `above the ${lookback}-bar high`, upper, close - upper, atr),
    };
  }
  if (close < lower) {
    return {
      direction: 'short',
      confidence: breakConfidence(lower - close, atr),
      horizonMinutes: lookback,
      reason: describeBreak(close, `below the ${lookback}-bar low`, lower, lower - close, atr),
    };
  }
  return flat(
    `close ${round(close)} inside the ${lookback}-bar channel ${round(lower)}–${round(upper)}`,
  );
}

function evaluate({ bars }: StrategyContext, parameters: BreakoutParameters): SignalDraft {
  const { lookback } = parameters;
  const rejected = rejectInputs({
    parameters,
    ranges: parameterRanges,
    bars,
    requiredBars: requiredBars(parameters),
  });
  if (rejected) return rejected;

  const window = lastBars(bars, requiredBars(parameters));
  const channel = channelOf(window.slice(0, -1), lookback);
  if (!channel) return flat(`${lookback}-bar channel not available`);
  return view(window[window.length - 1].close, channel, lookback);
}

/**
 * Donchian channel of the `lookback` bars before the latest: latest close above its high → long,
 * below its low → short, else flat. Confidence: the break beyond the channel in ATR(lookback) of
 * those same bars, capped at 1 (1 when they had no range at all).
 */
export const breakoutStrategy: Strategy<BreakoutParameters> = {
  name: 'breakout',
  description:
    'Momentum breakout: long when the close clears the highest high of the previous bars, ' +
    'short when it falls through the lowest low; confidence grows with the break in ATRs.',
  defaultParameters: { lookback: 20 },
  parameterRanges,
  requiredBars,
  evaluate,
};

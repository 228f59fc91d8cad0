import { RSI } from 'trading-signals';
import type { SignalDraft, Strategy, StrategyContext } from '../strategy.interface';
import {
  clampConfidence,
  closesOf,
  flat,
  lastBars,
  latest,
  rejectInputs,
  round,
  type ParameterRanges,
} from './signal-draft.helpers';

export type RsiMeanReversionParameters = {
  /** RSI period in bars. Default 14. */
  period: number;
  /** RSI below this is oversold (long). Default 30. */
  oversold: number;
  /** RSI above this is overbought (short). Default 70. */
  overbought: number;
};

/**
 * Wilder smoothing remembers every bar, fading by (1 - 1/period) per bar; after 10 periods an
 * old bar weighs under 0.01 %, so older bars are not read and the answer does not depend on how
 * much history the caller passes.
 */
const WARM_UP_PERIODS = 10;

const parameterRanges: ParameterRanges<RsiMeanReversionParameters> = {
  period: { min: 2, max: 100, integer: true },
  oversold: { min: 1, max: 49 },
  overbought: { min: 51, max: 99 },
};

function requiredBars(parameters: RsiMeanReversionParameters): number {
  return parameters.period + 1;
}

function isMotionless(closes: readonly number[]): boolean {
  return closes.every((close) => close === closes[0]);
}

function view(rsi: number, label: string, parameters: RsiMeanReversionParameters): SignalDraft {
  const { oversold, overbought, period } = parameters;
  const shown = `${label} ${round(rsi, 1)}`;
  if (rsi < oversold) {
    return {
      direction: 'long',
      confidence: clampConfidence((oversold - rsi) / oversold),
      horizonMinutes: period,
      reason: `${shown} below oversold ${oversold}`,
    };
  }
  if (rsi > overbought) {
    return {
      direction: 'short',
      confidence: clampConfidence((rsi - overbought) / (100 - overbought)),
      horizonMinutes: period,
      reason: `${shown} above overbought ${overbought}`,
    };
  }
  return flat(`${shown} between ${oversold} and ${overbought}`);
}

function evaluate({ bars }: StrategyContext, parameters: RsiMeanReversionParameters): SignalDraft {
  const window = lastBars(bars, parameters.period * WARM_UP_PERIODS + 1);
  const rejected = rejectInputs({
    parameters,
    ranges: parameterRanges,
    bars,
    requiredBars: requiredBars(parameters),
    window,
  });
  if (rejected) return rejected;

  const closes = closesOf(window);
  const label = `RSI(${parameters.period})`;
  if (isMotionless(closes))
    return flat(`${label} undefined: no price change in ${closes.length} bars`);
  const rsi = latest(new RSI(parameters.period).updates(closes, false));
  if (!Number.isFinite(rsi)) return flat(`${label} not available`);
  return view(rsi, label, parameters);
}

/**
 * RSI(period) over the last 10 × period + 1 closes: long below oversold with confidence
 * (oversold - RSI) / oversold, short above overbought with (RSI - overbought) / (100 - overbought),
 * flat in between (and when closes never moved, where the library would report 100).
 */
export const rsiMeanReversionStrategy: Strategy<RsiMeanReversionParameters> = {
  name: 'rsi-mean-reversion',
  description:
    'RSI mean reversion: long when RSI is oversold, short when overbought; ' +
    'more confident the further RSI is beyond the threshold.',
  defaultParameters: { period: 14, oversold: 30, overbought: 70 },
  parameterRanges,
  requiredBars,
  evaluate,
};

import { ROC } from 'trading-signals';
import type {
  SentimentSnapshot,
  SignalDirection,
  SignalDraft,
  Strategy,
  StrategyContext,
} from '../strategy.interface';
import {
  clampConfidence,
  closesOf,
  directionOf,
  flat,
  lastBars,
  latest,
  percent,
  rejectInputs,
  round,
  type ParameterRanges,
} from './signal-draft.helpers';

export type SentimentMomentumParameters = {
  /** |score| at or above this gives a view. Default 0.3. */
  threshold: number;
  /** Bars over which price momentum (rate of change) must agree with the sentiment. Default 10. */
  momentumPeriod: number;
};

/** Confidence is multiplied by this when the sentiment providers disagree. */
const DIVERGENCE_FACTOR = 0.5;
/** The view is expected to hold this many momentum periods. */
const HORIZON_PERIODS = 6;

const parameterRanges: ParameterRanges<SentimentMomentumParameters> = {
  threshold: { min: 0.01, max: 1 },
  momentumPeriod: { min: 1, max: 200, integer: true },
};

function requiredBars(parameters: SentimentMomentumParameters): number {
  return parameters.momentumPeriod + 1;
}

function sentimentDirection(score: number, threshold: number): SignalDirection {
  if (score >= threshold) return 'long';
  if (score <= -threshold) return 'short';
  return 'flat';
}

function momentumOf(context: StrategyContext, period: number): number {
  const closes = closesOf(lastBars(context.bars, period + 1));
  return latest(new ROC(period).updates(closes, false));
}

function confirmed(
  direction: SignalDirection,
  sentiment: SentimentSnapshot,
  momentum: string,
  parameters: SentimentMomentumParameters,
): SignalDraft {
  const score = Math.max(-1, Math.min(1, sentiment.score));
  const factor = sentiment.divergence ? DIVERGENCE_FACTOR : 1;
  const divergence = sentiment.divergence ? '; providers diverge, confidence halved' : '';
  return {
    direction,
    confidence: clampConfidence(Math.abs(score) * factor),
    horizonMinutes: parameters.momentumPeriod * HORIZON_PERIODS,
    reason: `sentiment ${round(score)} at or beyond ±${parameters.threshold}, ${momentum}${divergence}`,
  };
}

function evaluate(context: StrategyContext, parameters: SentimentMomentumParameters): SignalDraft {
  const { threshold, momentumPeriod } = parameters;
  const rejected = rejectInputs({
    parameters,
    ranges: parameterRanges,
    bars: context.bars,
    requiredBars: requiredBars(parameters),
  });
  if (rejected) return rejected;

  const { sentiment } = context;
  if (!sentiment) return flat('no sentiment');
  if (!Number.isFinite(sentiment.score)) return flat('sentiment score is not a number');
  const direction = sentimentDirection(sentiment.score, threshold);
  if (direction === 'flat') return flat(`sentiment ${round(sentiment.score)} within ±${threshold}`);

  const roc = momentumOf(context, momentumPeriod);
  const momentum = `${momentumPeriod}-bar momentum ${percent(roc)}`;
  if (directionOf(roc) !== direction) {
    return flat(`sentiment ${round(sentiment.score)} is ${direction} but ${momentum} disagrees`);
  }
  return confirmed(direction, sentiment, momentum, parameters);
}

/**
 * Long when sentiment score ≥ threshold, short when ≤ -threshold, but only when the rate of change
 * over momentumPeriod bars has the same sign (else flat). Confidence: |score|, halved on divergence.
 */
export const sentimentMomentumStrategy: Strategy<SentimentMomentumParameters> = {
  name: 'sentiment-momentum',
  description:
    'Sentiment with momentum confirmation: follows a strong aggregated sentiment score when price ' +
    'momentum agrees; half as confident when the sentiment providers diverge.',
  defaultParameters: { threshold: 0.3, momentumPeriod: 10 },
  parameterRanges,
  requiredBars,
  usesSentiment: true,
  evaluate,
};

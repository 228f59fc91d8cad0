import type {
  OptionsFlowSnapshot,
  SignalDraft,
  Strategy,
  StrategyContext,
} from '../strategy.interface';
import {
  clampConfidence,
  flat,
  rejectInputs,
  round,
  type ParameterRanges,
} from './signal-draft.helpers';

export type OptionsFlowParameters = {
  /** Put/call premium ratio at or below this is bullish. Default 0.7. */
  bullishRatio: number;
  /** Put/call premium ratio at or above this is bearish. Default 1.3. */
  bearishRatio: number;
};

/** Unusual options flow is a daily measure: the view holds for one regular US session. */
const HORIZON_MINUTES = 390;

const parameterRanges: ParameterRanges<OptionsFlowParameters> = {
  bullishRatio: { min: 0.05, max: 1 },
  bearishRatio: { min: 1, max: 20 },
};

function requiredBars(): number {
  return 0;
}

/** 0 at the threshold, 1 once the ratio is twice as far past it (log2 of the ratio of ratios). */
function beyond(ratio: number, threshold: number): number {
  return clampConfidence(Math.log2(ratio / threshold));
}

function view(flow: OptionsFlowSnapshot, parameters: OptionsFlowParameters): SignalDraft {
  const { bullishRatio, bearishRatio } = parameters;
  const ratio = flow.putCallRatio;
  const shown = `unusual options flow, put/call ${round(ratio)}`;
  if (ratio <= bullishRatio) {
    return {
      direction: 'long',
      confidence: beyond(bullishRatio, ratio),
      horizonMinutes: HORIZON_MINUTES,
      reason: `${shown} at or below ${bullishRatio}`,
    };
  }
  if (ratio >= bearishRatio) {
    return {
      direction: 'short',
      confidence: beyond(ratio, bearishRatio),
      horizonMinutes: HORIZON_MINUTES,
      reason: `${shown} at or above ${bearishRatio}`,
    };
  }
  return flat(`${shown} between ${bullishRatio} and ${bearishRatio}`);
}

function evaluate(context: StrategyContext, parameters: OptionsFlowParameters): SignalDraft {
  const rejected = rejectInputs({
    parameters,
    ranges: parameterRanges,
    constraintProblem:
      parameters.bullishRatio < parameters.bearishRatio
        ? undefined
        : 'invalid parameters: bullishRatio must be below bearishRatio',
    bars: context.bars,
    requiredBars: requiredBars(),
  });
  if (rejected) return rejected;

  const flow = context.optionsFlow;
  if (!flow) return flat('no options flow');
  const ratio = flow.putCallRatio;
  if (Number.isNaN(ratio) || ratio < 0) return flat(`bad put/call ratio ${String(ratio)}`);
  if (!flow.unusual) return flat(`options flow not unusual (put/call ${round(ratio)})`);
  return view(flow, parameters);
}

/**
 * With unusual flow only: put/call ≤ bullishRatio → long, ≥ bearishRatio → short, else flat.
 * Confidence: log2(threshold / ratio) for long, log2(ratio / threshold) for short, capped at 1.
 */
export const optionsFlowStrategy: Strategy<OptionsFlowParameters> = {
  name: 'options-flow',
  description:
    'Unusual options flow: long when call premium dominates (low put/call ratio), short when put ' +
    'premium dominates; more confident the further the ratio is past its threshold.',
  defaultParameters: { bullishRatio: 0.7, bearishRatio: 1.3 },
  parameterRanges,
  requiredBars,
  usesOptionsFlow: true,
  evaluate,
};

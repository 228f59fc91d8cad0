import type { DecisionAction, DecisionInput } from './decision.entity';

export interface VotingSignal {
  signalId: string;
  strategy: string;
  direction: 'long' | 'short' | 'flat';
  confidence: number;
}

export interface DecisionRules {
  /** Net score at or above which the decision is buy (and at or below minus which, sell). */
  threshold: number;
  /** Per-strategy weight; strategies not listed weigh 1. */
  weights?: Readonly<Record<string, number>>;
}

export interface DecisionDraft {
  action: DecisionAction;
  /** |score|, 0..1 */
  confidence: number;
  /** Weighted mean vote of the signals, -1 (all short, sure) .. 1 (all long, sure). */
  score: number;
  reason: string;
  inputs: DecisionInput[];
}

const DIRECTION_SIGN = { long: 1, short: -1, flat: 0 } as const;

const round = (value: number): string => value.toFixed(2);

/**
 * Combines the signals for one symbol: each votes its direction times its confidence, weighted by
 * its strategy; flat signals vote 0 but still count in the mean (an undecided strategy dilutes).
 */
export function decide(signals: readonly VotingSignal[], rules: DecisionRules): DecisionDraft {
  const inputs = signals.map((signal) => {
    const weight = rules.weights?.[signal.strategy] ?? 1;
    return {
      ...signal,
      weight,
      vote: DIRECTION_SIGN[signal.direction] * signal.confidence * weight,
    };
  });
  const totalWeight = inputs.reduce((sum, input) => sum + input.weight, 0);
  const score =
    totalWeight > 0 ? inputs.reduce((sum, input) => sum + input.vote, 0) / totalWeight : 0;
  const action: DecisionAction =
    score >= rules.threshold ? 'buy' : score <= -rules.threshold ? 'sell' : 'hold';
  return {
    action,
    confidence: Math.min(1, Math.abs(score)),
    score,
    reason: explain(inputs, score, action, rules),
    inputs,
  };
}

function explain(
  inputs: DecisionInput[],
  score: number,
  action: DecisionAction,
  rules: DecisionRules,
): string {
  if (inputs.length === 0) return 'hold: no signals';
  const count = (direction: string) =>
    inputs.filter((input) => input.direction === direction).length;
  const tally = `${count('long')} long, ${count('short')} short, ${count('flat')} flat of ${inputs.length}`;
  const strongest = [...inputs].sort((a, b) => Math.abs(b.vote) - Math.abs(a.vote))[0];
  const lead =
    strongest.vote === 0
      ? ''
      : `; strongest ${strongest.strategy} ${strongest.direction} ${round(strongest.confidence)}`;
  const comparison =
    action === 'buy'
      ? `≥ ${round(rules.threshold)}`
      : action === 'sell'
        ? `≤ -${round(rules.threshold)}`
        : `within ±${round(rules.threshold)}`;
  return `${action}: net ${round(score)} ${comparison} (${tally}${lead})`;
}

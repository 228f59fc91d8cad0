import { BUCKETS, defineCounter, defineGauge, defineHistogram } from '../observability';

export const SIGNAL_GENERATION_DURATION_SECONDS = defineHistogram({
  name: 'signal_generation_duration_seconds',
  help: 'Time to produce one stored signal: data gathering, strategy evaluation and persistence.',
  labelNames: ['strategy'],
  buckets: BUCKETS.fastSeconds,
});

export const SIGNALS_GENERATED_TOTAL = defineCounter({
  name: 'signals_generated_total',
  help: 'Signals produced, by strategy and signal type (long, short, flat).',
  labelNames: ['strategy', 'signal_type'],
});

export const SIGNAL_CONFIDENCE = defineHistogram({
  name: 'signal_confidence',
  help: 'Distribution of signal confidence (0-1), by strategy.',
  labelNames: ['strategy'],
  buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
});

export const STRATEGY_EVALUATION_DURATION_SECONDS = defineHistogram({
  name: 'strategy_evaluation_duration_seconds',
  help: "Time of the strategy's own evaluation (indicators and rule), by strategy and outcome.",
  labelNames: ['strategy', 'outcome'],
  buckets: BUCKETS.fastSeconds,
});

export const STRATEGY_EVALUATIONS_TOTAL = defineCounter({
  name: 'strategy_evaluations_total',
  help: 'Strategy evaluations attempted, by strategy and outcome (success, failure).',
  labelNames: ['strategy', 'outcome'],
});

export const STRATEGY_SIGNALS_PER_HOUR = defineGauge({
  name: 'strategy_signals_per_hour',
  help: 'Signals a strategy produced in the last 60 minutes.',
  labelNames: ['strategy'],
});

export const STRATEGY_ENABLED = defineGauge({
  name: 'strategy_enabled',
  help: 'Strategy utilisation: 1 when the strategy is enabled, 0 when switched off.',
  labelNames: ['strategy'],
});

export const STRATEGY_METRICS = [
  SIGNAL_GENERATION_DURATION_SECONDS,
  SIGNALS_GENERATED_TOTAL,
  SIGNAL_CONFIDENCE,
  STRATEGY_EVALUATION_DURATION_SECONDS,
  STRATEGY_EVALUATIONS_TOTAL,
  STRATEGY_SIGNALS_PER_HOUR,
  STRATEGY_ENABLED,
] as const;

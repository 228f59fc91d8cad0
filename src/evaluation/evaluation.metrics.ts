import { BUCKETS, defineCounter, defineHistogram } from '../observability';

export const TRADING_DECISION_DURATION_SECONDS = defineHistogram({
  name: 'trading_decision_duration_seconds',
  help: 'Time from starting to gather the signals for a symbol to the stored decision.',
  buckets: BUCKETS.fastSeconds,
});

export const TRADING_DECISIONS_TOTAL = defineCounter({
  name: 'trading_decisions_total',
  help: 'Decisions made, by action (buy, sell, hold).',
  labelNames: ['action'],
});

export const EVALUATION_METRICS = [
  TRADING_DECISION_DURATION_SECONDS,
  TRADING_DECISIONS_TOTAL,
] as const;

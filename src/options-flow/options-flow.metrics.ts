import { defineCounter } from '../observability';

export const OPTIONS_FLOW_UNUSUAL_ACTIVITY_TOTAL = defineCounter({
  name: 'options_flow_unusual_activity_total',
  help: 'Options-flow readings flagged unusual, by symbol and bias (calls, puts).',
  labelNames: ['symbol', 'bias'],
});

export const OPTIONS_FLOW_METRICS = [OPTIONS_FLOW_UNUSUAL_ACTIVITY_TOTAL] as const;

import { defineGauge } from '../metrics/metric-definition';

export const HEALTH_INDICATOR_STATUS = defineGauge({
  name: 'health_indicator_status',
  help: 'Last result of each health indicator: 1 up, 0 down (run on every scrape; the database ping and disk check are reused for 5 s, and /health calls refresh them).',
  labelNames: ['indicator'],
});

export const HEALTH_METRICS = [HEALTH_INDICATOR_STATUS] as const;

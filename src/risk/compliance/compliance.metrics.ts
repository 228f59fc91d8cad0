import { defineCounter } from '../../observability';

export const COMPLIANCE_EVENTS_TOTAL = defineCounter({
  name: 'compliance_events_total',
  help: 'Cash-account and pattern-day-trader events (orders blocked, violations, restrictions), by type.',
  labelNames: ['type'],
});

export const PDT_AVOIDANCE_EVENTS_TOTAL = defineCounter({
  name: 'pdt_avoidance_events_total',
  help: 'Orders denied so that the account does not become a pattern day trader (or exceed intraday margin).',
  labelNames: ['rule'],
});

export const COMPLIANCE_METRICS = [COMPLIANCE_EVENTS_TOTAL, PDT_AVOIDANCE_EVENTS_TOTAL] as const;

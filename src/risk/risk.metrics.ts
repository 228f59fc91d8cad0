import { defineCounter, defineGauge } from '../observability';

export const RISK_LIMIT_HITS_TOTAL = defineCounter({
  name: 'risk_limit_hits_total',
  help: 'Orders denied by a pre-trade risk check, by limit (reason).',
  labelNames: ['limit'],
});

export const TRADING_STATE = defineGauge({
  name: 'trading_state',
  help: 'The trading state: 1 for the current state (active, reducing, halted), 0 for the others.',
  labelNames: ['state'],
});

export const RISK_DAILY_REALIZED_PNL = defineGauge({
  name: 'daily_profit_loss',
  help: 'Realized P/L since 00:00 UTC today (quote currency); the kill switch watches it.',
});

export const RISK_METRICS = [
  RISK_LIMIT_HITS_TOTAL,
  TRADING_STATE,
  RISK_DAILY_REALIZED_PNL,
] as const;

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

export const RISK_LIMIT = defineGauge({
  name: 'risk_limit',
  help: 'The configured pre-trade limits, by limit (the reasons of risk_limit_hits_total): daily_loss_limit, max_order_notional and max_position_notional in quote currency, max_open_positions a count.',
  labelNames: ['limit'],
});

export const RISK_METRICS = [
  RISK_LIMIT_HITS_TOTAL,
  TRADING_STATE,
  RISK_DAILY_REALIZED_PNL,
  RISK_LIMIT,
] as const;

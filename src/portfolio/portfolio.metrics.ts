import { defineGauge } from '../observability';

export const PORTFOLIO_VALUE = defineGauge({
  name: 'portfolio_value',
  help: 'Account equity: cash plus open positions at the last price (quote currency).',
});

export const PORTFOLIO_CASH = defineGauge({
  name: 'portfolio_cash',
  help: 'Cash in the account (quote currency), settled or not.',
});

export const PORTFOLIO_UNREALIZED_PNL = defineGauge({
  name: 'portfolio_unrealized_profit_loss',
  help: 'Unrealized P/L of the open positions at the last price (quote currency).',
});

export const PORTFOLIO_OPEN_POSITIONS = defineGauge({
  name: 'portfolio_open_positions',
  help: 'Number of symbols with an open position.',
});

export const PORTFOLIO_METRICS = [
  PORTFOLIO_VALUE,
  PORTFOLIO_CASH,
  PORTFOLIO_UNREALIZED_PNL,
  PORTFOLIO_OPEN_POSITIONS,
] as const;

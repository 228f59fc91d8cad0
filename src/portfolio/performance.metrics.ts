import { defineGauge } from '../observability';

export const STRATEGY_WIN_RATE = defineGauge({
  name: 'strategy_win_rate',
  help: 'Share of winning closed trades (wins / (wins + losses)), by strategy (manual for API orders).',
  labelNames: ['strategy'],
});

export const STRATEGY_PROFIT_LOSS = defineGauge({
  name: 'strategy_profit_loss',
  help: 'Total realized P/L of closed trades (quote currency), by strategy.',
  labelNames: ['strategy'],
});

export const MONTHLY_PROFIT_LOSS = defineGauge({
  name: 'monthly_profit_loss',
  help: 'Realized P/L of trades closed this calendar month, UTC (quote currency).',
});

export const WIN_STREAK = defineGauge({
  name: 'win_streak',
  help: 'Closed trades won in a row, up to the latest.',
});
export const LOSS_STREAK = defineGauge({
  name: 'loss_streak',
  help: 'Closed trades lost in a row, up to the latest.',
});

export const SHARPE_RATIO = defineGauge({
  name: 'portfolio_sharpe_ratio',
  help: 'Annualised Sharpe ratio of daily equity returns (sample standard deviation); absent until two daily returns exist.',
});

export const MAX_DRAWDOWN_RATIO = defineGauge({
  name: 'portfolio_max_drawdown_ratio',
  help: 'Largest fall of equity from a running peak, as a fraction of that peak (0.1 = 10 %).',
});

export const PROFIT_FACTOR = defineGauge({
  name: 'portfolio_profit_factor',
  help: 'Gross profit / gross loss of closed trades; absent while there are no losses.',
});

export const PERFORMANCE_METRICS = [
  STRATEGY_WIN_RATE,
  STRATEGY_PROFIT_LOSS,
  MONTHLY_PROFIT_LOSS,
  WIN_STREAK,
  LOSS_STREAK,
  SHARPE_RATIO,
  MAX_DRAWDOWN_RATIO,
  PROFIT_FACTOR,
] as const;

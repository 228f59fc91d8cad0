import { defineCounter, defineGauge, defineHistogram } from '../observability';

export const TRADING_CYCLES_TOTAL = defineCounter({
  name: 'trading_cycles_total',
  help: 'Trading cycles, by trigger (schedule, manual) and outcome (completed, standby, paused, failed).',
  labelNames: ['trigger', 'outcome'],
});

export const TRADING_CYCLE_DURATION_SECONDS = defineHistogram({
  name: 'trading_cycle_duration_seconds',
  help: 'Time of one trading cycle: poll the broker, exits, every symbol evaluated and acted on.',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
});

export const TRADING_LOOP_HEARTBEAT = defineGauge({
  name: 'trading_loop_heartbeat_timestamp_seconds',
  help: 'Unix time the last trading cycle completed (time() minus this = how stale the loop is).',
});

export const TRADING_LOOP_LEADER = defineGauge({
  name: 'trading_loop_leader',
  help: '1 when this instance holds the trading-loop lock (runs the loop), 0 on standby.',
});

export const TRADING_LOOP_INTERVAL_SECONDS = defineGauge({
  name: 'trading_loop_interval_seconds',
  help: 'The scheduled trading loop interval (TRADING_INTERVAL_MS); 0 when cycles run only on demand.',
});

export const TRADING_LOOP_PAUSED = defineGauge({
  name: 'trading_loop_paused',
  help: '1 while the trading loop is paused because a dependency is unavailable, by reason (database_unavailable, broker_disconnected); it resumes by itself.',
  labelNames: ['reason'],
});

export const STALE_DATA_SKIPS_TOTAL = defineCounter({
  name: 'stale_data_skips_total',
  help: 'Symbols a cycle did not trade because their market data was too old, by symbol.',
  labelNames: ['symbol'],
});

export const POSITION_SIZE_FRACTION = defineHistogram({
  name: 'position_size_fraction',
  help: "New positions' value as a fraction of equity, by the decision's confidence band.",
  labelNames: ['confidence_band'],
  buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1],
});

export const RISK_EXIT_TRIGGERS_TOTAL = defineCounter({
  name: 'risk_exit_triggers_total',
  help: 'Positions closed by an exit rule, by type (stop_loss, take_profit, trailing_stop).',
  labelNames: ['type'],
});

export const TRADING_METRICS = [
  TRADING_CYCLES_TOTAL,
  TRADING_CYCLE_DURATION_SECONDS,
  TRADING_LOOP_HEARTBEAT,
  TRADING_LOOP_LEADER,
  TRADING_LOOP_INTERVAL_SECONDS,
  TRADING_LOOP_PAUSED,
  STALE_DATA_SKIPS_TOTAL,
  POSITION_SIZE_FRACTION,
  RISK_EXIT_TRIGGERS_TOTAL,
] as const;

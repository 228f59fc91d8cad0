import { BUCKETS, defineCounter, defineGauge, defineHistogram } from '../observability';

export const ORDERS_SUBMITTED_TOTAL = defineCounter({
  name: 'orders_submitted_total',
  help: 'Orders received (after validation), by side and type: the denominator of rejection rates.',
  labelNames: ['side', 'type'],
});

export const ORDER_STATUS_CHANGES_TOTAL = defineCounter({
  name: 'order_status_changes_total',
  help: 'Order state transitions, by the status entered.',
  labelNames: ['status'],
});

export const TRADES_EXECUTED_TOTAL = defineCounter({
  name: 'trades_executed_total',
  help: 'Executions (fills), by strategy (manual for API orders), symbol and side.',
  labelNames: ['strategy', 'symbol', 'side'],
});

export const TRADES_REJECTED_TOTAL = defineCounter({
  name: 'trades_rejected_total',
  help: 'Orders denied by risk or compliance, or rejected by the broker, by reason.',
  labelNames: ['reason'],
});

export const TRADE_EXECUTION_DURATION_SECONDS = defineHistogram({
  name: 'trade_execution_duration_seconds',
  help: "From the order's origin (its signal, or the API request) to its first execution.",
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

export const ORDER_FILL_DURATION_SECONDS = defineHistogram({
  name: 'order_fill_duration_seconds',
  help: 'From submission to the broker to the order being completely filled.',
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

export const SLIPPAGE_AMOUNT = defineHistogram({
  name: 'slippage_amount',
  help: 'Adverse slippage per share against the reference price (quote currency; favourable fills count 0), by symbol.',
  labelNames: ['symbol'],
  buckets: [0, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
});

export const BROKER_REQUEST_DURATION_SECONDS = defineHistogram({
  name: 'broker_request_duration_seconds',
  help: 'Broker round trips, by broker, operation (submit, cancel, poll) and outcome.',
  labelNames: ['broker', 'operation', 'outcome'],
  buckets: BUCKETS.fastSeconds,
});

export const BROKER_REPORTS_HELD = defineGauge({
  name: 'broker_reports_held',
  help: 'Broker reports (acceptances, fills, cancels) waiting to be recorded because the database was unavailable; recorded when it returns.',
});

export const ORDERS_RECONCILED_TOTAL = defineCounter({
  name: 'orders_reconciled_total',
  help: 'Open orders closed at start-up because the broker no longer knows them (its state was lost with the previous process), by broker and the status they were left in.',
  labelNames: ['broker', 'status'],
});

export const EXECUTION_METRICS = [
  ORDERS_SUBMITTED_TOTAL,
  ORDER_STATUS_CHANGES_TOTAL,
  TRADES_EXECUTED_TOTAL,
  TRADES_REJECTED_TOTAL,
  TRADE_EXECUTION_DURATION_SECONDS,
  ORDER_FILL_DURATION_SECONDS,
  SLIPPAGE_AMOUNT,
  BROKER_REQUEST_DURATION_SECONDS,
  BROKER_REPORTS_HELD,
  ORDERS_RECONCILED_TOTAL,
] as const;

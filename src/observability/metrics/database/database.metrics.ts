import { BUCKETS, defineCounter, defineGauge, defineHistogram } from '../metric-definition';

export const QUERY_TYPES = ['select', 'insert', 'update', 'delete', 'other'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const DATABASE_QUERY_DURATION_SECONDS = defineHistogram({
  name: 'database_query_duration_seconds',
  help: 'Time the database took to answer a query (pool wait excluded), by query type.',
  labelNames: ['query_type'],
  buckets: BUCKETS.querySeconds,
});

export const DATABASE_QUERIES_TOTAL = defineCounter({
  name: 'database_queries_total',
  help: 'Queries sent to the database, by query type and outcome (success, error).',
  labelNames: ['query_type', 'outcome'],
});

export const DATABASE_QUERY_ERRORS_TOTAL = defineCounter({
  name: 'database_query_errors_total',
  help: 'Queries that failed, by query type and PostgreSQL error class (SQLSTATE class name).',
  labelNames: ['query_type', 'error_class'],
});

export const DATABASE_TRANSACTIONS_TOTAL = defineCounter({
  name: 'database_transactions_total',
  help: 'Transactions finished, by outcome (commit, rollback).',
  labelNames: ['outcome'],
});

export const DATABASE_CONNECTION_POOL_USAGE = defineGauge({
  name: 'database_connection_pool_usage',
  help: 'Connection pool state (in_use, idle, waiting clients, max size).',
  labelNames: ['state'],
});

export const DATABASE_METRICS = [
  DATABASE_QUERY_DURATION_SECONDS,
  DATABASE_QUERIES_TOTAL,
  DATABASE_QUERY_ERRORS_TOTAL,
  DATABASE_TRANSACTIONS_TOTAL,
  DATABASE_CONNECTION_POOL_USAGE,
] as const;

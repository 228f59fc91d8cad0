import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { finish, instant, query, row, stat, timeseries, tradewatchDashboard } from '../lib/panels';
import { gauge, quantile, sumRate } from '../lib/query';
import { ratioOrZero, UP_DOWN_MAPPINGS } from '../lib/shared';

/** PostgreSQL as the app sees it: query rate and time by type, errors, transactions, the pool. */
export function databaseDashboard(): Dashboard {
  const pool = (state: string, op: 'max' | 'sum' = 'max', by: readonly string[] = []): string =>
    gauge(op, 'database_connection_pool_usage', by, `state="${state}"`);
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-database',
      title: 'Tradewatch / Database',
      description:
        'Queries per second and their time by type, query errors by PostgreSQL error class, commits and rollbacks, and the connection pool. Times exclude the wait for a pooled connection.',
      tags: ['system', 'database'],
    })
      .withRow(row('Now'))
      .withPanel(
        stat({
          title: 'Database health',
          description:
            'The database health indicator (SELECT 1, at most every 5 s per scrape), worst instance.',
          unit: 'none',
          queries: [
            instant(
              gauge('min', 'health_indicator_status', [], 'indicator="database"'),
              'database',
            ),
          ],
          mappings: UP_DOWN_MAPPINGS,
          background: true,
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Queries',
          description: 'Queries per second, all types.',
          unit: 'ops',
          queries: [query(sumRate('database_queries_total'), 'queries')],
        }),
      )
      .withPanel(
        stat({
          title: 'Query error ratio',
          description: 'Failed / all queries. Bad: above 0.1 % (orange), 1 % (red).',
          unit: 'percentunit',
          decimals: 2,
          queries: [
            query(
              ratioOrZero(
                sumRate('database_queries_total', [], 'outcome="error"'),
                sumRate('database_queries_total'),
              ),
              'errors',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.001],
            ['red', 0.01],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Query time p95',
          description:
            '95th percentile query time, all types. Bad: above 50 ms (orange), 250 ms (red).',
          unit: 's',
          queries: [query(quantile(0.95, 'database_query_duration_seconds'), 'p95')],
          thresholds: [
            ['green', null],
            ['orange', 0.05],
            ['red', 0.25],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Pool in use',
          description:
            'Connections in use / pool size (busiest instance). Bad: above 80 % (orange), 95 % (red).',
          unit: 'percentunit',
          queries: [
            query(
              `max(${pool('in_use', 'max', ['instance'])} / ${pool('max', 'max', ['instance'])})`,
              'in use',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.8],
            ['red', 0.95],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Waiting for a connection',
          description:
            'Clients queued for a pooled connection, all instances. Bad: above 0 for more than a moment.',
          unit: 'short',
          decimals: 0,
          queries: [query(pool('waiting', 'sum'), 'waiting')],
          thresholds: [
            ['green', null],
            ['orange', 1],
          ],
        }),
      )
      .withRow(row('Queries'))
      .withPanel(
        timeseries({
          title: 'Queries by type',
          description:
            'Queries per second by type (select, insert, update, delete, other). Each scrape adds one SELECT 1 (the health check).',
          unit: 'ops',
          stack: true,
          queries: [query(sumRate('database_queries_total', ['query_type']), '{{query_type}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Query time p95 by type',
          description:
            '95th percentile query time by type. Bad: a step up (a missing index, a bigger table, lock waits).',
          unit: 's',
          queries: [
            query(
              quantile(0.95, 'database_query_duration_seconds', ['query_type']),
              '{{query_type}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Query time percentiles',
          description:
            'Median, 95th and 99th percentile of query time, all types. Bad: p99 far above p95 (lock waits).',
          unit: 's',
          queries: [
            query(quantile(0.5, 'database_query_duration_seconds'), 'p50'),
            query(quantile(0.95, 'database_query_duration_seconds'), 'p95'),
            query(quantile(0.99, 'database_query_duration_seconds'), 'p99'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Query errors by class',
          description:
            'Failed queries per second by type and PostgreSQL error class (integrity_constraint_violation, transaction_rollback...). Bad: connection_exception or anything sustained.',
          unit: 'ops',
          queries: [
            query(
              sumRate('database_query_errors_total', ['query_type', 'error_class']),
              '{{query_type}} {{error_class}}',
            ),
          ],
        }),
      )
      .withRow(row('Transactions and pool'))
      .withPanel(
        timeseries({
          title: 'Transactions',
          description: 'Transactions per second by outcome (commit, rollback).',
          unit: 'ops',
          w: 8,
          stack: true,
          queries: [query(sumRate('database_transactions_total', ['outcome']), '{{outcome}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Rollback ratio',
          description:
            'Rolled back / all transactions. Bad: above a few percent (conflicts, failed orders).',
          unit: 'percentunit',
          w: 8,
          queries: [
            query(
              ratioOrZero(
                sumRate('database_transactions_total', [], 'outcome="rollback"'),
                sumRate('database_transactions_total'),
              ),
              'rollback',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Connection pool',
          description:
            'Pool connections by state per instance (in_use, idle, waiting clients, max size). Bad: in_use at max with waiting clients.',
          unit: 'short',
          w: 8,
          queries: [
            query(
              gauge('max', 'database_connection_pool_usage', ['instance', 'state']),
              '{{state}} {{instance}}',
            ),
          ],
        }),
      ),
  );
}

import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  finish,
  instant,
  metricLabelVariable,
  query,
  row,
  stat,
  table,
  tableQuery,
  timeseries,
  tradewatchDashboard,
} from '../lib/panels';
import { sumIncrease, sumRate, sumRatePerMinute } from '../lib/query';

const COMPONENT = 'component=~"$component"';

/** Errors by type and component, and where they surface (HTTP, providers, database, broker...). */
export function errorsDashboard(): Dashboard {
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-errors',
      title: 'Tradewatch / Errors',
      description:
        'Handled errors, unexpected exceptions and critical errors by type and component, and the failures of each subsystem: HTTP, providers, database, Redis, broker, strategies, trading loop.',
      tags: ['errors'],
      variables: [metricLabelVariable('component', 'Component', 'errors_total')],
    })
      .withRow(row('Now'))
      .withPanel(
        stat({
          title: 'Errors',
          description:
            'Handled errors per second (selected components). Bad: a jump from the usual level.',
          unit: 'ops',
          queries: [query(sumRate('errors_total', [], COMPONENT), 'errors')],
        }),
      )
      .withPanel(
        stat({
          title: 'Exceptions',
          description:
            'Unexpected exceptions per second (not client errors). Bad: anything sustained above 0.',
          unit: 'ops',
          queries: [query(sumRate('exceptions_total', [], COMPONENT), 'exceptions')],
          thresholds: [
            ['green', null],
            ['orange', 0.01],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Critical errors',
          description:
            'Uncaught exceptions, unhandled rejections and other errors that endanger the process or its data, in the time range. Bad: anything above 0.',
          unit: 'short',
          decimals: 0,
          queries: [instant(sumIncrease('critical_errors_total', [], COMPONENT), 'critical')],
          thresholds: [
            ['green', null],
            ['red', 1],
          ],
          background: true,
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'HTTP 5xx',
          description: 'Requests answered with a 5xx per second.',
          unit: 'reqps',
          queries: [query(sumRate('http_requests_total', [], 'status_code=~"5.."'), '5xx')],
          thresholds: [
            ['green', null],
            ['red', 0.01],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Provider errors',
          description: 'Failed data-provider calls per second.',
          unit: 'ops',
          queries: [query(sumRate('provider_api_errors_total'), 'provider errors')],
          thresholds: [
            ['green', null],
            ['orange', 0.01],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Database errors',
          description: 'Failed database queries per second.',
          unit: 'ops',
          queries: [query(sumRate('database_query_errors_total'), 'query errors')],
          thresholds: [
            ['green', null],
            ['orange', 0.01],
          ],
        }),
      )
      .withRow(row('Application errors'))
      .withPanel(
        timeseries({
          title: 'Errors by type',
          description: 'Handled errors per second by error type.',
          unit: 'ops',
          stack: true,
          legendTable: true,
          queries: [query(sumRate('errors_total', ['type'], COMPONENT), '{{type}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Errors by component',
          description: 'Handled errors per second by the component that reported them.',
          unit: 'ops',
          stack: true,
          legendTable: true,
          queries: [query(sumRate('errors_total', ['component'], COMPONENT), '{{component}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Exceptions by class and component',
          description:
            'Unexpected exceptions per second by class and component. Bad: a new class appearing after a deploy.',
          unit: 'ops',
          legendTable: true,
          queries: [
            query(
              sumRate('exceptions_total', ['type', 'component'], COMPONENT),
              '{{type}} in {{component}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Critical errors by component',
          description: 'Critical errors per second by component. Bad: any point above 0.',
          unit: 'ops',
          queries: [
            query(sumRate('critical_errors_total', ['component'], COMPONENT), '{{component}}'),
          ],
        }),
      )
      .withPanel(
        table({
          title: 'Top errors in range',
          description:
            'Errors and exceptions per type and component in the time range, most errors first. Start here when the totals jump.',
          unit: 'short',
          queries: [
            tableQuery(
              `topk(20, ${sumIncrease('errors_total', ['type', 'component'], COMPONENT)})`,
            ),
            tableQuery(sumIncrease('exceptions_total', ['type', 'component'], COMPONENT)),
          ],
          labels: ['type', 'component'],
          values: {
            'Value #A': { title: 'Errors', unit: 'short', decimals: 0 },
            'Value #B': { title: 'Exceptions', unit: 'short', decimals: 0 },
          },
          sortDescBy: 'Errors',
        }),
      )
      .withRow(row('Where errors surface'))
      .withPanel(
        timeseries({
          title: 'HTTP errors by endpoint and type',
          description:
            'Requests per second that ended in a 4xx, 5xx or client abort, by endpoint and error type.',
          unit: 'reqps',
          legendTable: true,
          queries: [
            query(
              sumRate('http_errors_total', ['endpoint', 'error_type']),
              '{{endpoint}} {{error_type}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Rate-limited requests',
          description:
            'Requests per second refused with 429 because their client went over RATE_LIMIT_PER_MINUTE, by endpoint. Bad: a client you know (a script, a dashboard proxy) — raise the limit or slow it down; an unknown one — someone is probing.',
          unit: 'reqps',
          legendTable: true,
          queries: [query(sumRate('rate_limited_requests_total', ['endpoint']), '{{endpoint}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Provider errors by type',
          description:
            'Failed provider calls per second by provider and error type (timeout, network, rate_limited...).',
          unit: 'ops',
          legendTable: true,
          queries: [
            query(
              sumRate('provider_api_errors_total', ['provider', 'error_type']),
              '{{provider}} {{error_type}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Database query errors',
          description: 'Failed queries per second by query type and PostgreSQL error class.',
          unit: 'ops',
          queries: [
            query(
              sumRate('database_query_errors_total', ['query_type', 'error_class']),
              '{{query_type}} {{error_class}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Redis and broker failures',
          description: 'Failed Redis commands and failed broker round trips per second.',
          unit: 'ops',
          queries: [
            query(
              sumRate('redis_latency_seconds_count', ['operation'], 'outcome!="success"'),
              'redis {{operation}}',
            ),
            query(
              sumRate(
                'broker_request_duration_seconds_count',
                ['broker', 'operation'],
                'outcome!="success"',
              ),
              '{{broker}} {{operation}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Strategy evaluation failures',
          description: 'Failed strategy evaluations per minute by strategy.',
          unit: 'opm',
          queries: [
            query(
              sumRatePerMinute('strategy_evaluations_total', ['strategy'], 'outcome="failure"'),
              '{{strategy}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Failed trading cycles',
          description:
            'Trading cycles per minute that ended in failure, by trigger. Bad: anything above 0.',
          unit: 'opm',
          queries: [
            query(
              sumRatePerMinute('trading_cycles_total', ['trigger'], 'outcome="failed"'),
              '{{trigger}}',
            ),
          ],
        }),
      ),
  );
}

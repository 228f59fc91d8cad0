import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { finish, instant, query, row, stat, timeseries, tradewatchDashboard } from '../lib/panels';
import { agg, gauge, quantile, sel, sumRate, sumRatePerMinute } from '../lib/query';
import {
  EQUITY_AND_CASH,
  HEARTBEAT_AGE,
  HTTP_5XX_RATIO,
  MONEY,
  RED_BELOW_ZERO,
  TRADING_STATE,
  TRADING_STATE_MAPPINGS,
} from '../lib/shared';

/** The first screen: is the service up, is it trading, is it making or losing money. */
export function overviewDashboard(): Dashboard {
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-overview',
      title: 'Tradewatch / Overview',
      description:
        'Is tradewatch up, is it trading, and how is the account doing. The "tradewatch dashboards" menu leads to the detail dashboards.',
      tags: ['overview'],
    })
      .withRow(row('Service'))
      .withPanel(
        stat({
          title: 'Instances up',
          description:
            'Scrape targets of the tradewatch job that answered the last scrape. Bad: fewer than you run (red at 0).',
          unit: 'short',
          decimals: 0,
          queries: [instant(gauge('sum', 'up'), 'up')],
          thresholds: [
            ['red', null],
            ['green', 1],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Request rate',
          description: 'HTTP requests per second over all endpoints. Bad: a sudden drop to 0.',
          unit: 'reqps',
          queries: [query(sumRate('http_requests_total'), 'requests')],
        }),
      )
      .withPanel(
        stat({
          title: '5xx ratio',
          description:
            'Share of HTTP requests answered with a 5xx. Bad: above 1 % (orange), above 5 % (red).',
          unit: 'percentunit',
          decimals: 2,
          queries: [query(HTTP_5XX_RATIO(), '5xx')],
          thresholds: [
            ['green', null],
            ['orange', 0.01],
            ['red', 0.05],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Latency p95',
          description:
            '95th percentile of HTTP request time over all endpoints. Bad: above 250 ms (orange), 1 s (red).',
          unit: 's',
          queries: [query(quantile(0.95, 'http_request_duration_seconds'), 'p95')],
          thresholds: [
            ['green', null],
            ['orange', 0.25],
            ['red', 1],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Health checks down',
          description:
            'Health indicators (database, disk, heap, providers, broker, trading loop...) reporting down on some instance. Bad: anything above 0; the System Health dashboard names them.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(
              `count(${agg('min', ['indicator'], sel('health_indicator_status'))} == 0) or vector(0)`,
              'down',
            ),
          ],
          thresholds: [
            ['green', null],
            ['red', 1],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Providers unavailable',
          description:
            'Data providers whose last call failed. Bad: above 0; strategies that need them are skipped.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(
              `count(${gauge('min', 'provider_available', ['provider'])} == 0) or vector(0)`,
              'unavailable',
            ),
          ],
          thresholds: [
            ['green', null],
            ['red', 1],
          ],
          sparkline: false,
        }),
      )
      .withRow(row('Trading'))
      .withPanel(
        stat({
          title: 'Trading state',
          description:
            'ACTIVE trades; REDUCING only closes exposure (the daily-loss kill switch or an operator); HALTED trades nothing. Bad: anything but ACTIVE without an operator decision.',
          unit: 'none',
          queries: [instant(TRADING_STATE, 'state')],
          mappings: TRADING_STATE_MAPPINGS,
          background: true,
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Trading loop leaders',
          description:
            'Instances holding the trading-loop lock. Good: exactly 1. Bad: 0 (nobody trades) or more than 1 (the lock is broken).',
          unit: 'short',
          decimals: 0,
          queries: [instant(gauge('sum', 'trading_loop_leader'), 'leaders')],
          thresholds: [
            ['red', null],
            ['green', 1],
            ['red', 2],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Last trading cycle',
          description:
            'Seconds since the leader last completed a trading cycle (default interval 60 s). Bad: above 150 s (orange) or 300 s (red): the loop is stuck or off.',
          unit: 's',
          queries: [instant(HEARTBEAT_AGE, 'age')],
          thresholds: [
            ['green', null],
            ['orange', 150],
            ['red', 300],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Portfolio value',
          description: 'Account equity: cash plus open positions at the last price.',
          unit: MONEY,
          queries: [query(gauge('max', 'portfolio_value'), 'equity')],
        }),
      )
      .withPanel(
        stat({
          title: 'Daily P/L',
          description:
            'Realized P/L since 00:00 UTC. Bad: red below 0; the kill switch moves trading to REDUCING at the daily loss limit.',
          unit: MONEY,
          queries: [query(gauge('max', 'daily_profit_loss'), 'today')],
          thresholds: RED_BELOW_ZERO,
        }),
      )
      .withPanel(
        stat({
          title: 'Monthly P/L',
          description: 'Realized P/L of trades closed this calendar month (UTC). Bad: red below 0.',
          unit: MONEY,
          queries: [query(gauge('max', 'monthly_profit_loss'), 'this month')],
          thresholds: RED_BELOW_ZERO,
        }),
      )
      .withRow(row('Activity'))
      .withPanel(
        timeseries({
          title: 'Trading funnel',
          description:
            'Signals (long/short) → buy/sell decisions → orders → executions, per minute. Bad: signals without decisions (threshold too high), decisions without orders (risk denials, see Risk), orders without executions (broker).',
          unit: 'opm',
          queries: [
            query(
              sumRatePerMinute('signals_generated_total', [], 'signal_type!="flat"'),
              'signals',
            ),
            query(sumRatePerMinute('trading_decisions_total', [], 'action!="hold"'), 'decisions'),
            query(sumRatePerMinute('orders_submitted_total'), 'orders'),
            query(sumRatePerMinute('trades_executed_total'), 'executions'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Equity and cash',
          description:
            'Account equity and cash. Bad: equity falling steeply; cash near 0 blocks new buys.',
          unit: MONEY,
          queries: EQUITY_AND_CASH,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Requests by status',
          description:
            'HTTP requests per second by final status code. Bad: a growing 5xx band; 499 is a client that gave up.',
          unit: 'reqps',
          stack: true,
          queries: [query(sumRate('http_requests_total', ['status_code']), '{{status_code}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Errors',
          description:
            'Handled errors, unexpected exceptions and critical errors per second. Bad: any critical error; exceptions that keep coming (see Errors).',
          unit: 'ops',
          queries: [
            query(sumRate('errors_total'), 'errors'),
            query(sumRate('exceptions_total'), 'exceptions'),
            query(sumRate('critical_errors_total'), 'critical'),
          ],
        }),
      )
      .withRow(row('Runtime'))
      .withPanel(
        timeseries({
          title: 'Event loop lag p99',
          description:
            'Node.js event loop delay, 99th percentile, per instance. Bad: above 100 ms; everything (requests, trading cycle) waits for it.',
          unit: 's',
          w: 8,
          queries: [
            query(gauge('max', 'nodejs_eventloop_lag_p99_seconds', ['instance']), '{{instance}}'),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.1],
            ['red', 0.5],
          ],
          thresholdLines: true,
        }),
      )
      .withPanel(
        timeseries({
          title: 'CPU',
          description:
            'Process CPU time per second per instance (1 = one full core). Bad: pinned at 1.',
          unit: 'percentunit',
          w: 8,
          queries: [query(sumRate('process_cpu_seconds_total', ['instance']), '{{instance}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Memory',
          description:
            'Resident memory and V8 heap in use per instance. Bad: a line that only goes up (a leak).',
          unit: 'bytes',
          w: 8,
          queries: [
            query(gauge('max', 'process_resident_memory_bytes', ['instance']), 'rss {{instance}}'),
            query(gauge('max', 'nodejs_heap_size_used_bytes', ['instance']), 'heap {{instance}}'),
          ],
        }),
      ),
  );
}

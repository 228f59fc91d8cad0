import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  finish,
  gauge as gaugePanel,
  instant,
  metricLabelVariable,
  query,
  row,
  stat,
  stateTimeline,
  table,
  tableQuery,
  timeseries,
  tradewatchDashboard,
} from '../lib/panels';
import { agg, gauge, quantile, sel, sumRate } from '../lib/query';
import { HTTP_5XX_RATIO, UP_DOWN_MAPPINGS } from '../lib/shared';

const ENDPOINT = 'endpoint=~"$endpoint"';

/** RED per endpoint, the Node.js runtime, the process and its host, health indicators. */
export function systemHealthDashboard(): Dashboard {
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-system-health',
      title: 'Tradewatch / System Health',
      description:
        'HTTP rate, errors and duration (overall and one row per endpoint), the Node.js runtime (event loop, heap, GC, CPU), memory and disk, and the health indicators.',
      tags: ['system'],
      variables: [metricLabelVariable('endpoint', 'Endpoint', 'http_requests_total')],
    })
      .withRow(row('HTTP: all selected endpoints'))
      .withPanel(
        stat({
          title: 'Request rate',
          description: 'Requests per second to the selected endpoints.',
          unit: 'reqps',
          queries: [query(sumRate('http_requests_total', [], ENDPOINT), 'requests')],
        }),
      )
      .withPanel(
        stat({
          title: '5xx ratio',
          description: 'Share answered with a 5xx. Bad: above 1 % (orange), 5 % (red).',
          unit: 'percentunit',
          decimals: 2,
          queries: [query(HTTP_5XX_RATIO([], ENDPOINT), '5xx')],
          thresholds: [
            ['green', null],
            ['orange', 0.01],
            ['red', 0.05],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Latency p99',
          description: '99th percentile request time. Bad: above 1 s (orange), 2.5 s (red).',
          unit: 's',
          queries: [query(quantile(0.99, 'http_request_duration_seconds', [], ENDPOINT), 'p99')],
          thresholds: [
            ['green', null],
            ['orange', 1],
            ['red', 2.5],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'In flight',
          description:
            'Requests received and not yet finished, all instances. Bad: climbing while the rate does not (requests are piling up).',
          unit: 'short',
          decimals: 0,
          queries: [query(gauge('sum', 'http_requests_in_flight'), 'in flight')],
        }),
      )
      .withPanel(
        stat({
          title: 'Uptime',
          description:
            'Time since the newest instance started. Bad: minutes, again and again (a crash loop).',
          unit: 's',
          queries: [instant(gauge('min', 'system_uptime_seconds'), 'uptime')],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Restarts',
          description:
            'Process restarts in the time range, all instances. Bad: anything above 0 you did not deploy.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(`sum(changes(${sel('process_start_time_seconds')}[$__range]))`, 'restarts'),
          ],
          thresholds: [
            ['green', null],
            ['orange', 1],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Requests by endpoint',
          description:
            'Requests per second by route template (`<unmatched>` is everything no route matched).',
          unit: 'reqps',
          legendTable: true,
          queries: [query(sumRate('http_requests_total', ['endpoint'], ENDPOINT), '{{endpoint}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: '5xx ratio by endpoint',
          description: 'Share of 5xx answers by endpoint. Bad: any endpoint above 1 %.',
          unit: 'percentunit',
          legendTable: true,
          queries: [query(HTTP_5XX_RATIO(['endpoint'], ENDPOINT), '{{endpoint}}')],
          thresholds: [
            ['green', null],
            ['red', 0.01],
          ],
          thresholdLines: true,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Latency p95 by endpoint',
          description:
            '95th percentile request time by endpoint. Bad: a step up after a deploy, or an endpoint far above its neighbours.',
          unit: 's',
          legendTable: true,
          queries: [
            query(
              quantile(0.95, 'http_request_duration_seconds', ['endpoint'], ENDPOINT),
              '{{endpoint}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'HTTP errors by type',
          description:
            'Requests ending in a 4xx, 5xx or client abort, by error type. Bad: internal_error; a wave of unauthorized (a client lost its token).',
          unit: 'reqps',
          stack: true,
          queries: [
            query(sumRate('http_errors_total', ['error_type'], ENDPOINT), '{{error_type}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Payload size p95',
          description:
            '95th percentile of request and response bodies (Content-Length). Bad: responses in megabytes.',
          unit: 'bytes',
          queries: [
            query(quantile(0.95, 'http_request_size_bytes', [], ENDPOINT), 'request'),
            query(quantile(0.95, 'http_response_size_bytes', [], ENDPOINT), 'response'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'In-flight requests',
          description: 'Requests in progress per instance.',
          unit: 'short',
          queries: [query(gauge('max', 'http_requests_in_flight', ['instance']), '{{instance}}')],
        }),
      )
      .withRow(row('Node.js runtime'))
      .withPanel(
        timeseries({
          title: 'Event loop lag',
          description:
            'Event loop delay percentiles per instance (prom-client samples it). Bad: p99 above 100 ms; every request and cycle waits for it.',
          unit: 's',
          queries: [
            query(
              gauge('max', 'nodejs_eventloop_lag_p50_seconds', ['instance']),
              'p50 {{instance}}',
            ),
            query(
              gauge('max', 'nodejs_eventloop_lag_p99_seconds', ['instance']),
              'p99 {{instance}}',
            ),
            query(
              gauge('max', 'nodejs_eventloop_lag_max_seconds', ['instance']),
              'max {{instance}}',
            ),
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
            'Process CPU seconds per second (1 = one core), user and system, per instance. Bad: user pinned at 1 (Node runs JavaScript on one core).',
          unit: 'percentunit',
          queries: [
            query(sumRate('process_cpu_user_seconds_total', ['instance']), 'user {{instance}}'),
            query(sumRate('process_cpu_system_seconds_total', ['instance']), 'system {{instance}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Heap',
          description:
            'V8 heap used and allocated, and memory outside the heap, per instance. Bad: used creeping up after every GC (a leak).',
          unit: 'bytes',
          queries: [
            query(gauge('max', 'nodejs_heap_size_used_bytes', ['instance']), 'used {{instance}}'),
            query(gauge('max', 'nodejs_heap_size_total_bytes', ['instance']), 'total {{instance}}'),
            query(
              gauge('max', 'nodejs_external_memory_bytes', ['instance']),
              'external {{instance}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Heap spaces used',
          description: 'V8 heap by space. Bad: old space growing without bound.',
          unit: 'bytes',
          stack: true,
          queries: [
            query(gauge('max', 'nodejs_heap_space_size_used_bytes', ['space']), '{{space}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Time in GC',
          description:
            'Share of wall time spent in garbage collection, by kind, per instance. Bad: above 5-10 % (allocation pressure).',
          unit: 'percentunit',
          w: 8,
          queries: [
            query(
              sumRate('nodejs_gc_duration_seconds_sum', ['instance', 'kind']),
              '{{kind}} {{instance}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'GC runs',
          description:
            'Garbage collections per second by kind. Bad: major (mark-sweep) collections several times a second.',
          unit: 'ops',
          w: 8,
          queries: [query(sumRate('nodejs_gc_duration_seconds_count', ['kind']), '{{kind}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'GC pause p99',
          description: '99th percentile of one GC pause by kind. Bad: pauses of 100 ms or more.',
          unit: 's',
          w: 8,
          queries: [query(quantile(0.99, 'nodejs_gc_duration_seconds', ['kind']), '{{kind}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Active handles and requests',
          description:
            'libuv handles (sockets, timers) and requests in use per instance. Bad: a steady climb (leaked sockets or timers).',
          unit: 'short',
          queries: [
            query(
              gauge('max', 'nodejs_active_handles_total', ['instance']),
              'handles {{instance}}',
            ),
            query(
              gauge('max', 'nodejs_active_requests_total', ['instance']),
              'requests {{instance}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'File descriptors in use',
          description: 'Open file descriptors / the process limit, per instance. Bad: above 80 %.',
          unit: 'percentunit',
          queries: [
            query(
              `${gauge('max', 'process_open_fds', ['instance'])} / ${gauge('max', 'process_max_fds', ['instance'])}`,
              '{{instance}}',
            ),
          ],
          thresholds: [
            ['green', null],
            ['red', 0.8],
          ],
          thresholdLines: true,
        }),
      )
      .withRow(row('Process and host'))
      .withPanel(
        timeseries({
          title: 'Memory by type',
          description:
            'Process memory by type (rss, heap_total, heap_used, external, array_buffers), all instances. Bad: rss near the container limit.',
          unit: 'bytes',
          queries: [query(gauge('max', 'system_memory_usage_bytes', ['type']), '{{type}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'CPU use (app)',
          description:
            'CPU use the app measures between scrapes, in percent of all cores, per instance. Bad: sustained above 80 %.',
          unit: 'percent',
          min: 0,
          queries: [query(gauge('max', 'system_cpu_usage_percent', ['instance']), '{{instance}}')],
        }),
      )
      .withPanel(
        gaugePanel({
          title: 'Disk used',
          description:
            'Used share of the file system holding the data directory (worst instance). Bad: above 80 % (orange), 90 % (red).',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            instant(
              `max(${gauge('max', 'system_disk_usage_bytes', ['instance'], 'type="used"')} / ${gauge(
                'max',
                'system_disk_usage_bytes',
                ['instance'],
                'type="total"',
              )})`,
              'used',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.8],
            ['red', 0.9],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Disk free',
          description: 'Free space on the data file system (least on any instance).',
          unit: 'bytes',
          w: 6,
          h: 6,
          queries: [query(gauge('min', 'system_disk_usage_bytes', [], 'type="free"'), 'free')],
        }),
      )
      .withPanel(
        table({
          title: 'Versions',
          description:
            'App and Node.js version per instance, with its uptime. Bad: mixed versions long after a rollout.',
          unit: 'short',
          w: 12,
          h: 6,
          queries: [
            tableQuery(agg('max', ['instance', 'version', 'node_version'], sel('app_info'))),
            tableQuery(gauge('max', 'system_uptime_seconds', ['instance'])),
          ],
          labels: ['instance', 'version', 'node_version'],
          values: {
            'Value #A': { title: 'info', unit: 'short' },
            'Value #B': { title: 'Uptime', unit: 's' },
          },
          hide: ['Value #A'],
        }),
      )
      .withPanel(
        stateTimeline({
          title: 'Health indicators',
          description:
            'Each /health indicator (database, disk, memory_heap, providers, broker, trading loop...), worst instance. Bad: any red.',
          unit: 'none',
          h: 7,
          queries: [
            query(agg('min', ['indicator'], sel('health_indicator_status')), '{{indicator}}'),
          ],
          mappings: UP_DOWN_MAPPINGS,
        }),
      )
      .withRow(row('Endpoint: $endpoint').repeat('endpoint'))
      .withPanel(
        timeseries({
          title: 'Rate by method and status: $endpoint',
          description: 'Requests per second to this endpoint by method and status code.',
          unit: 'reqps',
          w: 8,
          stack: true,
          queries: [
            query(
              sumRate('http_requests_total', ['method', 'status_code'], ENDPOINT),
              '{{method}} {{status_code}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Error ratio: $endpoint',
          description:
            'Share of requests to this endpoint answered 5xx, and 4xx. Bad: 5xx above 1 %; 4xx jumping (a broken client or a changed contract).',
          unit: 'percentunit',
          w: 8,
          queries: [
            query(HTTP_5XX_RATIO([], ENDPOINT), '5xx'),
            query(
              `${sumRate('http_requests_total', [], 'status_code=~"4.."', ENDPOINT)} / ${sumRate(
                'http_requests_total',
                [],
                ENDPOINT,
              )}`,
              '4xx',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Latency: $endpoint',
          description:
            'Request time percentiles of this endpoint. Bad: p99 far above p50 (a slow path or queueing).',
          unit: 's',
          w: 8,
          queries: [
            query(quantile(0.5, 'http_request_duration_seconds', [], ENDPOINT), 'p50'),
            query(quantile(0.95, 'http_request_duration_seconds', [], ENDPOINT), 'p95'),
            query(quantile(0.99, 'http_request_duration_seconds', [], ENDPOINT), 'p99'),
          ],
        }),
      ),
  );
}

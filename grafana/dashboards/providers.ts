import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  finish,
  instant,
  metricLabelVariable,
  query,
  row,
  stat,
  stateTimeline,
  timeseries,
  tradewatchDashboard,
} from '../lib/panels';
import { gauge, quantile, sel, sumRate } from '../lib/query';
import { UP_DOWN_MAPPINGS } from '../lib/shared';

const PROVIDER = 'provider=~"$provider"';

/** The data providers (market data, sentiment, options flow), their cache and Redis. */
export function providersDashboard(): Dashboard {
  const hitRatio = (by: readonly string[], ...matchers: string[]): string =>
    `${sumRate('provider_cache_requests_total', by, 'result="hit"', ...matchers)} / ${sumRate(
      'provider_cache_requests_total',
      by,
      ...matchers,
    )}`;
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-providers',
      title: 'Tradewatch / Providers',
      description:
        'Availability, freshness, calls, errors and latency of each data provider, the provider cache and Redis.',
      tags: ['providers'],
      variables: [metricLabelVariable('provider', 'Provider', 'provider_available')],
    })
      .withRow(row('Availability and freshness'))
      .withPanel(
        stat({
          title: 'Provider status',
          description:
            'Whether the last call to each provider succeeded (worst instance). Bad: any DOWN.',
          unit: 'none',
          w: 12,
          h: 5,
          queries: [
            instant(gauge('min', 'provider_available', ['provider'], PROVIDER), '{{provider}}'),
          ],
          mappings: UP_DOWN_MAPPINGS,
          showName: true,
          background: true,
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Data age',
          description:
            'Age of the newest data each provider served (cache age, or the age of its latest bar). Bad: above 2 minutes for 1-minute bars (orange), 10 minutes (red); trading skips stale symbols.',
          unit: 's',
          w: 12,
          h: 5,
          queries: [
            instant(
              gauge('max', 'provider_data_freshness_seconds', ['provider'], PROVIDER),
              '{{provider}}',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 120],
            ['red', 600],
          ],
          showName: true,
          sparkline: false,
        }),
      )
      .withPanel(
        stateTimeline({
          title: 'Availability',
          description:
            'Provider up (green) or down (red) over time, worst instance. Bad: red bands, or flapping.',
          unit: 'none',
          h: 6,
          queries: [
            query(gauge('min', 'provider_available', ['provider'], PROVIDER), '{{provider}}'),
          ],
          mappings: UP_DOWN_MAPPINGS,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Time without failure',
          description:
            'How long each provider has answered without a failure (missing while it is failing). Bad: a saw tooth of short runs (intermittent failures).',
          unit: 's',
          queries: [
            query(
              `time() - max by (provider) (${sel('provider_up_since_timestamp_seconds', PROVIDER)} > 0)`,
              '{{provider}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Data age over time',
          description:
            'Age of the newest data per provider. Bad: a line that climbs and does not come back down.',
          unit: 's',
          queries: [
            query(
              gauge('max', 'provider_data_freshness_seconds', ['provider'], PROVIDER),
              '{{provider}}',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 120],
            ['red', 600],
          ],
          thresholdLines: true,
        }),
      )
      .withRow(row('Calls and errors'))
      .withPanel(
        timeseries({
          title: 'Calls by provider and endpoint',
          description:
            'Calls per second that went to a provider (cache misses only), by provider and endpoint.',
          unit: 'reqps',
          legendTable: true,
          queries: [
            query(
              sumRate('provider_api_calls_total', ['provider', 'endpoint'], PROVIDER),
              '{{provider}} {{endpoint}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Errors by provider and type',
          description:
            'Failed calls per second by provider and error type (timeout, network, rate_limited, ...).',
          unit: 'ops',
          legendTable: true,
          queries: [
            query(
              sumRate('provider_api_errors_total', ['provider', 'error_type'], PROVIDER),
              '{{provider}} {{error_type}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Error ratio',
          description: 'Failed / all calls per provider. Bad: above 5 %.',
          unit: 'percentunit',
          queries: [
            query(
              `${sumRate('provider_api_errors_total', ['provider'], PROVIDER)} / ${sumRate(
                'provider_api_calls_total',
                ['provider'],
                PROVIDER,
              )}`,
              '{{provider}}',
            ),
          ],
          thresholds: [
            ['green', null],
            ['red', 0.05],
          ],
          thresholdLines: true,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Rate-limit hits',
          description:
            'HTTP 429 answers per second by provider. Bad: any: lengthen the cache TTL or slow the polling.',
          unit: 'ops',
          queries: [
            query(
              sumRate('provider_rate_limit_hits_total', ['provider'], PROVIDER),
              '{{provider}}',
            ),
          ],
        }),
      )
      .withRow(row('Latency'))
      .withPanel(
        timeseries({
          title: 'Latency p50',
          description: 'Median provider call time, retries included.',
          unit: 's',
          w: 8,
          queries: [
            query(
              quantile(0.5, 'provider_api_duration_seconds', ['provider'], PROVIDER),
              '{{provider}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Latency p95',
          description:
            '95th percentile provider call time, retries included. Bad: near the vendor timeout.',
          unit: 's',
          w: 8,
          queries: [
            query(
              quantile(0.95, 'provider_api_duration_seconds', ['provider'], PROVIDER),
              '{{provider}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Latency p99',
          description: '99th percentile provider call time. Bad: seconds (retries with backoff).',
          unit: 's',
          w: 8,
          queries: [
            query(
              quantile(0.99, 'provider_api_duration_seconds', ['provider'], PROVIDER),
              '{{provider}}',
            ),
          ],
        }),
      )
      .withRow(row('Cache'))
      .withPanel(
        timeseries({
          title: 'Cache hit ratio',
          description:
            'Share of cache lookups answered from the cache over the rate window, by provider. Bad: a sudden drop (TTL changed, cache restarted).',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [query(hitRatio(['provider'], PROVIDER), '{{provider}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Cache hit rate since start',
          description:
            'Share of cache lookups that were hits since each instance started, by provider.',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            query(gauge('min', 'provider_cache_hit_rate', ['provider'], PROVIDER), '{{provider}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Cache lookups',
          description: 'Cache lookups per second by provider and result (hit, miss).',
          unit: 'ops',
          stack: true,
          queries: [
            query(
              sumRate('provider_cache_requests_total', ['provider', 'result'], PROVIDER),
              '{{provider}} {{result}}',
            ),
          ],
        }),
      )
      .withRow(row('Redis'))
      .withPanel(
        timeseries({
          title: 'Redis latency',
          description:
            'Redis round trips of the provider cache, 95th and 99th percentile by operation. Bad: above a few milliseconds on a local network.',
          unit: 's',
          w: 8,
          queries: [
            query(quantile(0.95, 'redis_latency_seconds', ['operation']), 'p95 {{operation}}'),
            query(quantile(0.99, 'redis_latency_seconds', ['operation']), 'p99 {{operation}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Redis lookups',
          description:
            'Redis cache lookups per second by result (hit, miss, error). Bad: errors (Redis down means every lookup is a miss).',
          unit: 'ops',
          w: 8,
          stack: true,
          queries: [query(sumRate('redis_cache_requests_total', ['result']), '{{result}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Redis hit ratio',
          description:
            'Hits / lookups in Redis over the rate window, and since start (worst instance).',
          unit: 'percentunit',
          w: 8,
          min: 0,
          max: 1,
          queries: [
            query(
              `${sumRate('redis_cache_requests_total', [], 'result="hit"')} / ${sumRate('redis_cache_requests_total')}`,
              'rate window',
            ),
            query(gauge('min', 'redis_cache_hit_rate'), 'since start'),
          ],
        }),
      ),
  );
}

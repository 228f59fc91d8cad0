import { BUCKETS, defineCounter, defineGauge, defineHistogram } from '../observability';

export const PROVIDER_API_CALLS_TOTAL = defineCounter({
  name: 'provider_api_calls_total',
  help: 'Calls to a data provider (cache misses only), by provider and endpoint.',
  labelNames: ['provider', 'endpoint'],
});

export const PROVIDER_API_DURATION_SECONDS = defineHistogram({
  name: 'provider_api_duration_seconds',
  help: 'Time a data provider took to answer, retries included, by provider.',
  labelNames: ['provider'],
  buckets: BUCKETS.fastSeconds,
});

export const PROVIDER_API_ERRORS_TOTAL = defineCounter({
  name: 'provider_api_errors_total',
  help: 'Failed provider calls, by provider and error type (timeout, network, rate_limited, ...).',
  labelNames: ['provider', 'error_type'],
});

export const PROVIDER_RATE_LIMIT_HITS_TOTAL = defineCounter({
  name: 'provider_rate_limit_hits_total',
  help: 'Rate-limit answers (HTTP 429) received from a provider.',
  labelNames: ['provider'],
});

export const PROVIDER_CACHE_REQUESTS_TOTAL = defineCounter({
  name: 'provider_cache_requests_total',
  help: 'Provider cache lookups, by provider and result (hit, miss).',
  labelNames: ['provider', 'result'],
});

export const PROVIDER_CACHE_HIT_RATE = defineGauge({
  name: 'provider_cache_hit_rate',
  help: 'Share of cache lookups answered from the cache since start (0-1), by provider.',
  labelNames: ['provider'],
});

export const PROVIDER_DATA_FRESHNESS_SECONDS = defineGauge({
  name: 'provider_data_freshness_seconds',
  help: 'Age of the newest data a provider served (cache age, or the age of its latest bar).',
  labelNames: ['provider'],
});

export const PROVIDER_AVAILABLE = defineGauge({
  name: 'provider_available',
  help: 'Whether the last call to a provider succeeded (1) or failed (0).',
  labelNames: ['provider'],
});

export const PROVIDER_UP_SINCE_SECONDS = defineGauge({
  name: 'provider_up_since_timestamp_seconds',
  help: 'Unix time since which a provider has answered without failure (0 while it is failing).',
  labelNames: ['provider'],
});

export const PROVIDER_METRICS = [
  PROVIDER_API_CALLS_TOTAL,
  PROVIDER_API_DURATION_SECONDS,
  PROVIDER_API_ERRORS_TOTAL,
  PROVIDER_RATE_LIMIT_HITS_TOTAL,
  PROVIDER_CACHE_REQUESTS_TOTAL,
  PROVIDER_CACHE_HIT_RATE,
  PROVIDER_DATA_FRESHNESS_SECONDS,
  PROVIDER_AVAILABLE,
  PROVIDER_UP_SINCE_SECONDS,
] as const;

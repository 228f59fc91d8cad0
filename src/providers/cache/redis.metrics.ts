import { defineCounter, defineGauge, defineHistogram } from '../../observability';

export const REDIS_LATENCY_SECONDS = defineHistogram({
  name: 'redis_latency_seconds',
  help: 'Redis command round trips made by the provider cache, by operation and outcome.',
  labelNames: ['operation', 'outcome'],
  buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
});

export const REDIS_CACHE_REQUESTS_TOTAL = defineCounter({
  name: 'redis_cache_requests_total',
  help: 'Provider cache lookups in Redis, by result (hit, miss, error).',
  labelNames: ['result'],
});

export const REDIS_CACHE_HIT_RATE = defineGauge({
  name: 'redis_cache_hit_rate',
  help: 'Share of Redis cache lookups that were hits since start (0-1).',
});

export const REDIS_METRICS = [
  REDIS_LATENCY_SECONDS,
  REDIS_CACHE_REQUESTS_TOTAL,
  REDIS_CACHE_HIT_RATE,
] as const;

import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { MetricsModule } from '../observability';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { MemoryTtlCache } from './cache/memory-ttl-cache';
import { RedisCache } from './cache/redis-cache';
import { RedisConnection } from './cache/redis-connection';
import {
  REDIS_CACHE_HIT_RATE,
  REDIS_CACHE_REQUESTS_TOTAL,
  REDIS_LATENCY_SECONDS,
  REDIS_METRICS,
} from './cache/redis.metrics';
import { ProviderCache } from './cache/provider-cache';
import { VendorHttpClient } from './http/vendor-http-client';
import { ProviderGateway } from './provider-gateway.service';
import { PROVIDER_METRICS } from './provider.metrics';

function providerCache(
  clock: Clock,
  redis: RedisConnection,
  latency: Histogram<string>,
  requests: Counter<string>,
  hitRate: Gauge<string>,
): ProviderCache {
  return redis.client
    ? new RedisCache(redis.client, clock, { latency, requests, hitRate })
    : new MemoryTtlCache(clock);
}

/** What every data provider shares: the cache, the instrumented gateway and the vendor HTTP client. */
@Global()
@Module({
  imports: [MetricsModule.forFeature([...PROVIDER_METRICS, ...REDIS_METRICS])],
  providers: [
    RedisConnection,
    {
      provide: ProviderCache,
      useFactory: providerCache,
      inject: [
        Clock,
        RedisConnection,
        getToken(REDIS_LATENCY_SECONDS.name),
        getToken(REDIS_CACHE_REQUESTS_TOTAL.name),
        getToken(REDIS_CACHE_HIT_RATE.name),
      ],
    },
    ProviderGateway,
    {
      provide: VendorHttpClient,
      useFactory: (config: AppConfig) =>
        new VendorHttpClient({
          baseUrl: config.vendor.baseUrl ?? 'http://127.0.0.1:1',
          apiKey: config.vendor.apiKey,
          timeoutMs: config.vendor.timeoutMs,
          maxRetries: 2,
          backoffBaseMs: 200,
          maxBackoffMs: 5000,
        }),
      inject: [AppConfig],
    },
  ],
  exports: [ProviderGateway, VendorHttpClient],
})
export class ProvidersModule {}

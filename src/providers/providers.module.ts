import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config';
import { MetricsModule } from '../observability';
import { MemoryTtlCache } from './cache/memory-ttl-cache';
import { ProviderCache } from './cache/provider-cache';
import { VendorHttpClient } from './http/vendor-http-client';
import { ProviderGateway } from './provider-gateway.service';
import { PROVIDER_METRICS } from './provider.metrics';

/** What every data provider shares: the cache, the instrumented gateway and the vendor HTTP client. */
@Global()
@Module({
  imports: [MetricsModule.forFeature(PROVIDER_METRICS)],
  providers: [
    {
      provide: ProviderCache,
      useFactory: (clock: Clock) => new MemoryTtlCache(clock),
      inject: [Clock],
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

import { DynamicModule, Inject, Injectable, Module, OnModuleInit, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  InjectThrottlerStorage,
  ThrottlerModule,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import type { Gauge } from 'prom-client';
import { InjectMetric, MetricsExposition, MetricsModule } from '../../observability';
import { RateLimitGuard } from './rate-limit.guard';
import {
  RATE_LIMIT_CLIENTS,
  RATE_LIMIT_METRICS,
  RATE_LIMIT_REQUESTS_PER_MINUTE,
} from './rate-limit.metrics';

const ONE_MINUTE_MS = 60_000;
const LIMIT = Symbol('RATE_LIMIT_PER_MINUTE');

/** The configured limit and the number of tracked clients, read when Prometheus scrapes. */
@Injectable()
class RateLimitGauges implements OnModuleInit {
  constructor(
    @Inject(LIMIT) private readonly perMinute: number,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorageService,
    private readonly exposition: MetricsExposition,
    @InjectMetric(RATE_LIMIT_CLIENTS.name) private readonly clients: Gauge,
    @InjectMetric(RATE_LIMIT_REQUESTS_PER_MINUTE.name) private readonly limit: Gauge,
  ) {}

  onModuleInit(): void {
    this.limit.set(this.perMinute);
    this.exposition.addCollector(() => {
      this.clients.set(this.storage.storage.size);
    });
  }
}

/**
 * Per-client rate limiting of the /api routes (RATE_LIMIT_PER_MINUTE, sliding one-minute window,
 * in memory: each replica counts its own clients). `0` leaves the module empty: no guard, no cost.
 */
@Module({})
export class RateLimitModule {
  static forRoot(perMinute: number): DynamicModule {
    if (perMinute === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({ throttlers: [{ ttl: ONE_MINUTE_MS, limit: perMinute }] }),
        MetricsModule.forFeature(RATE_LIMIT_METRICS),
      ],
      providers: [{ provide: LIMIT, useValue: perMinute }, RateLimitGuard, RateLimitGauges],
      exports: [RateLimitGuard],
    };
  }

  /**
   * The global guard registration, for the root module's providers ahead of the token guard (Nest
   * runs global guards in registration order, and a feature module's would run after the root's).
   */
  static globalGuard(perMinute: number): Provider[] {
    return perMinute === 0 ? [] : [{ provide: APP_GUARD, useExisting: RateLimitGuard }];
  }
}

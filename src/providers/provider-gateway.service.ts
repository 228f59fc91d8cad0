import { Injectable } from '@nestjs/common';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { Clock } from '../common/clock/clock';
import { DomainError, UnavailableError } from '../common/errors/domain-error';
import { HealthIndicatorRegistry, InjectMetric } from '../observability';
import { ProviderCache } from './cache/provider-cache';
import { VENDOR_ERROR_KINDS } from './http/vendor-http-error';
import { VendorHttpError } from './http/vendor-http-client';
import type { VendorCallObserver } from './http/vendor-http-client';

export interface ProviderRequest<T> {
  /** Code-defined provider name (simulated, replay, http, twitter...): a label value. */
  provider: string;
  /** Code-defined endpoint name (quote, bars, sentiment...): a label value. */
  endpoint: string;
  /** Cache key for this request (built from validated, bounded inputs). */
  key: string;
  ttlMs: number;
  load: (observer: VendorCallObserver) => Promise<T>;
  /** The time the data describes (e.g. the latest bar), for freshness; default: when it was fetched. */
  dataTime?: (value: T) => Date;
}

/**
 * Every provider call goes through here: the cache first, then the provider, each call timed and
 * counted, failures typed, rate limits counted, availability and freshness kept as gauges and as
 * a health indicator per provider.
 */
@Injectable()
export class ProviderGateway {
  private readonly lastError = new Map<string, string | undefined>();
  private readonly cacheStats = new Map<string, { hits: number; lookups: number }>();

  constructor(
    private readonly cache: ProviderCache,
    private readonly clock: Clock,
    private readonly health: HealthIndicatorRegistry,
    @InjectMetric('provider_api_calls_total') private readonly calls: Counter<string>,
    @InjectMetric('provider_api_duration_seconds') private readonly duration: Histogram<string>,
    @InjectMetric('provider_api_errors_total') private readonly errors: Counter<string>,
    @InjectMetric('provider_rate_limit_hits_total') private readonly rateLimits: Counter<string>,
    @InjectMetric('provider_cache_requests_total') private readonly cacheRequests: Counter<string>,
    @InjectMetric('provider_cache_hit_rate') private readonly hitRate: Gauge<string>,
    @InjectMetric('provider_data_freshness_seconds') private readonly freshness: Gauge<string>,
    @InjectMetric('provider_available') private readonly available: Gauge<string>,
    @InjectMetric('provider_up_since_timestamp_seconds') private readonly upSince: Gauge<string>,
  ) {}

  /** Declares a provider: its gauges start at "available" and it gets a health indicator. */
  register(provider: string, indicator: string): void {
    if (this.lastError.has(provider)) return;
    this.lastError.set(provider, undefined);
    this.available.set({ provider }, 1);
    this.upSince.set({ provider }, this.clock.now().getTime() / 1000);
    // Series exist from the start at 0, so increase() and rate() see the first error or 429.
    this.rateLimits.inc({ provider }, 0);
    for (const errorType of [...VENDOR_ERROR_KINDS, 'unexpected'])
      this.errors.inc({ provider, error_type: errorType }, 0);
    this.health.register({
      name: indicator,
      probes: [],
      check: () => {
        const error = this.lastError.get(provider);
        return {
          [indicator]:
            error === undefined ? { status: 'up', provider } : { status: 'down', provider, error },
        };
      },
    });
  }

  async fetch<T>(request: ProviderRequest<T>): Promise<T> {
    const cached = await this.cache.get<T>(request.key);
    this.countLookup(request.provider, cached !== undefined);
    if (cached) {
      this.recordFreshness(request, cached.value, cached.storedAt);
      return cached.value;
    }
    const value = await this.call(request);
    await this.cache.set(request.key, value, request.ttlMs);
    this.recordFreshness(request, value, this.clock.now().getTime());
    return value;
  }

  private async call<T>(request: ProviderRequest<T>): Promise<T> {
    const { provider, endpoint } = request;
    this.calls.inc({ provider, endpoint });
    const startedAt = performance.now();
    const observer: VendorCallObserver = { onRateLimited: () => this.rateLimits.inc({ provider }) };
    try {
      const value = await request.load(observer);
      this.markUp(provider);
      return value;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const errorType = error instanceof VendorHttpError ? error.kind : 'unexpected';
      this.errors.inc({ provider, error_type: errorType });
      this.markDown(provider, errorType);
      throw new UnavailableError(`the ${provider} provider is unavailable (${errorType})`);
    } finally {
      this.duration.observe({ provider }, (performance.now() - startedAt) / 1000);
    }
  }

  private markUp(provider: string): void {
    if (this.lastError.get(provider) !== undefined)
      this.upSince.set({ provider }, this.clock.now().getTime() / 1000);
    this.lastError.set(provider, undefined);
    this.available.set({ provider }, 1);
  }

  private markDown(provider: string, errorType: string): void {
    this.lastError.set(provider, errorType);
    this.available.set({ provider }, 0);
    this.upSince.set({ provider }, 0);
  }

  private countLookup(provider: string, hit: boolean): void {
    this.cacheRequests.inc({ provider, result: hit ? 'hit' : 'miss' });
    const stats = this.cacheStats.get(provider) ?? { hits: 0, lookups: 0 };
    stats.lookups++;
    if (hit) stats.hits++;
    this.cacheStats.set(provider, stats);
    this.hitRate.set({ provider }, stats.hits / stats.lookups);
  }

  private recordFreshness<T>(request: ProviderRequest<T>, value: T, storedAt: number): void {
    const dataTime = request.dataTime?.(value).getTime() ?? storedAt;
    this.freshness.set(
      { provider: request.provider },
      Math.max(0, (this.clock.now().getTime() - dataTime) / 1000),
    );
  }
}

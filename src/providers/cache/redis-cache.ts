import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { Clock } from '../../common/clock/clock';
import { trackDuration } from '../../observability';
import { CachedValue, ProviderCache } from './provider-cache';

export interface RedisCacheMetrics {
  latency: Histogram<string>;
  requests: Counter<string>;
  hitRate: Gauge<string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Cached values travel as JSON; their dates (always ISO-8601 UTC) come back as Dates. */
const reviveDates = (_key: string, value: unknown): unknown =>
  typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value;

/**
 * The provider cache in Redis, shared by replicas. A Redis failure is never a request failure:
 * the lookup counts as an error and a miss, and the provider is asked instead.
 */
export class RedisCache extends ProviderCache {
  private readonly logger = new Logger(RedisCache.name);
  private hits = 0;
  private lookups = 0;

  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly metrics: RedisCacheMetrics,
    private readonly prefix = 'tradewatch:cache:',
  ) {
    super();
  }

  async get<T>(key: string): Promise<CachedValue<T> | undefined> {
    let raw: string | null;
    try {
      raw = await trackDuration(this.metrics.latency, { operation: 'get' }, () =>
        this.redis.get(this.prefix + key),
      );
    } catch (error) {
      this.count('error');
      this.logger.warn(`redis get failed, asking the provider instead: ${String(error)}`);
      return undefined;
    }
    this.count(raw === null ? 'miss' : 'hit');
    if (raw === null) return undefined;
    const entry = JSON.parse(raw, reviveDates) as { value: T; storedAt: number };
    return { value: entry.value, storedAt: entry.storedAt };
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const entry = JSON.stringify({ value, storedAt: this.clock.now().getTime() });
    try {
      await trackDuration(this.metrics.latency, { operation: 'set' }, () =>
        this.redis.set(this.prefix + key, entry, 'PX', ttlMs),
      );
    } catch (error) {
      this.logger.warn(`redis set failed: ${String(error)}`);
    }
  }

  private count(result: 'hit' | 'miss' | 'error'): void {
    this.metrics.requests.inc({ result });
    this.lookups++;
    if (result === 'hit') this.hits++;
    this.metrics.hitRate.set(this.hits / this.lookups);
  }
}

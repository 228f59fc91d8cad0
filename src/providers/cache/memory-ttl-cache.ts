import { Clock } from '../../common/clock/clock';
import { CachedValue, ProviderCache } from './provider-cache';

interface Entry {
  value: unknown;
  storedAt: number;
  expiresAt: number;
}

/** In-process TTL cache; the oldest entry goes when it is full. */
export class MemoryTtlCache extends ProviderCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 10_000,
  ) {
    super();
  }

  async get<T>(key: string): Promise<CachedValue<T> | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return { value: entry.value as T, storedAt: entry.storedAt };
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const now = this.clock.now().getTime();
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: now, expiresAt: now + ttlMs });
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}

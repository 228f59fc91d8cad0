export interface CachedValue<T> {
  value: T;
  storedAt: number;
}

/** A small TTL cache in front of providers. */
export abstract class ProviderCache {
  abstract get<T>(key: string): Promise<CachedValue<T> | undefined>;
  abstract set<T>(key: string, value: T, ttlMs: number): Promise<void>;
}

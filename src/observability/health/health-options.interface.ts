export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthModuleOptions {
  /** Ping the default TypeORM DataSource in readiness. @default true */
  database?: boolean;
  /** Ping timeout. @default 1500 */
  databaseTimeoutMs?: number;
  /** Path whose file system must have room. @default process.cwd() */
  diskPath?: string;
  /** Readiness fails above this used fraction of the disk. @default 0.95 */
  diskThresholdPercent?: number;
  /** Readiness fails when the heap is above this fraction of V8's heap limit. @default 0.9 */
  heapThresholdRatio?: number;
}

export type ResolvedHealthOptions = Required<HealthModuleOptions>;

export const resolveHealthOptions = (options: HealthModuleOptions): ResolvedHealthOptions => ({
  database: true,
  databaseTimeoutMs: 1500,
  diskPath: process.cwd(),
  diskThresholdPercent: 0.95,
  heapThresholdRatio: 0.9,
  ...options,
});

export interface MetricsModuleOptions {
  /**
   * When false nothing is instrumented: no HTTP hook, no decorator wrapping, no query timing, no
   * default or system metrics, and no metrics endpoint. Injected metrics still work (they are
   * simply never exposed), so domain code needs no `if`.
   * @default true
   */
  enabled?: boolean;
  /** Path of the exposition endpoint. @default '/metrics' */
  path?: string;
  /**
   * Serve metrics on their own listener at this port (and not on the application's).
   * @default undefined (served by the application's listener)
   */
  port?: number;
  /** Host the separate metrics listener binds to. @default '0.0.0.0' */
  host?: string;
  /** When set, scrapes must send `Authorization: Bearer <token>`. @default undefined */
  token?: string;
  /** Collect prom-client's Node.js/process default metrics. @default true */
  defaultMetrics?: boolean;
  /** Application identity for the info metric. */
  app?: { name: string; version: string };
  /** Directory whose file system `system_disk_usage_bytes` reports. @default process.cwd() */
  diskPath?: string;
}

export type ResolvedMetricsOptions = Required<Omit<MetricsModuleOptions, 'port' | 'token'>> &
  Pick<MetricsModuleOptions, 'port' | 'token'>;

export function resolveMetricsOptions(options: MetricsModuleOptions): ResolvedMetricsOptions {
  return {
    enabled: true,
    path: '/metrics',
    host: '0.0.0.0',
    defaultMetrics: true,
    app: { name: 'app', version: '0.0.0' },
    diskPath: process.cwd(),
    ...options,
  };
}

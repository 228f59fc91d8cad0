import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Environment, LogLevel } from './environment';

/** The typed, validated configuration every module reads; built once by `loadConfig`. */
export class AppConfig {
  readonly http!: { port: number; host: string; bodyLimit: string };
  readonly dataDir!: string;
  readonly database!: {
    /** Unset: tradewatch starts an embedded PostgreSQL under `dataDir`. */
    url?: string;
    embeddedPort?: number;
    poolSize: number;
  };
  readonly metrics!: {
    enabled: boolean;
    path: string;
    /** Unset: metrics are served on the main listener. */
    port?: number;
    token?: string;
  };
  readonly apiToken?: string;
  readonly logLevel!: LogLevel;
  readonly shutdownTimeoutMs!: number;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

const blankToUndefined = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
    ),
  );

/** Validates the environment and returns the typed configuration, or throws naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(Environment, blankToUndefined(env), {
    exposeDefaultValues: true,
  });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigurationError([
      ...new Set(errors.flatMap((error) => Object.values(error.constraints ?? {}))),
    ]);
  }
  if (parsed.METRICS_PORT !== undefined && parsed.METRICS_PORT === parsed.PORT) {
    throw new ConfigurationError([
      'METRICS_PORT must differ from PORT (leave it unset to share the listener)',
    ]);
  }
  return {
    http: { port: parsed.PORT, host: parsed.HOST, bodyLimit: parsed.HTTP_BODY_LIMIT },
    dataDir: resolve(parsed.DATA_DIR),
    database: {
      url: parsed.DATABASE_URL,
      embeddedPort: parsed.EMBEDDED_POSTGRES_PORT,
      poolSize: parsed.DATABASE_POOL_SIZE,
    },
    metrics: {
      enabled: parsed.METRICS_ENABLED,
      path: parsed.METRICS_PATH,
      port: parsed.METRICS_PORT,
      token: parsed.METRICS_TOKEN,
    },
    apiToken: parsed.API_TOKEN,
    logLevel: parsed.LOG_LEVEL,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
  };
}

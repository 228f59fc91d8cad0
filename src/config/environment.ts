import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  NotEquals,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

/**
 * The environment variables tradewatch reads, with their defaults. `.env.template` documents
 * each one; `loadConfig` validates them and names the variable in every error.
 */
export class Environment {
  @Transform(toInteger)
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT: number = 3000;

  @IsString()
  @MinLength(1, { message: 'HOST must not be empty' })
  HOST: string = '0.0.0.0';

  @IsString()
  @MinLength(1, { message: 'DATA_DIR must not be empty' })
  DATA_DIR: string = '.data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'EMBEDDED_POSTGRES_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'EMBEDDED_POSTGRES_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'EMBEDDED_POSTGRES_PORT must be an integer between 0 and 65535' })
  EMBEDDED_POSTGRES_PORT?: number;

  @Transform(toInteger)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer between 1 and 200' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 200' })
  @Max(200, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 200' })
  DATABASE_POOL_SIZE: number = 10;

  @Transform(toBoolean)
  @IsBoolean({ message: 'METRICS_ENABLED must be true or false' })
  METRICS_ENABLED: boolean = true;

  @Matches(/^\/[A-Za-z0-9._~\-/]*$/, {
    message: 'METRICS_PATH must be a path starting with "/" (letters, digits, "-", "_", ".", "/")',
  })
  METRICS_PATH: string = '/metrics';

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'METRICS_PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'METRICS_PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'METRICS_PORT must be an integer between 1 and 65535' })
  @NotEquals(9090, { message: "METRICS_PORT must not be 9090: that is Prometheus's own port" })
  METRICS_PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters long' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'API_TOKEN must be at least 16 characters long' })
  API_TOKEN?: string;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @Transform(toInteger)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 120000' })
  @Min(1000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 120000' })
  @Max(120000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 120000' })
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  @IsString()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'HTTP_BODY_LIMIT must look like 100kb, 1mb or 512b' })
  HTTP_BODY_LIMIT: string = '100kb';
}

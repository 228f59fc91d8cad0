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

export const MARKET_DATA_SOURCES = ['simulated', 'replay', 'http'] as const;
export const FEED_SOURCES = ['simulated', 'http'] as const;
export const SENTIMENT_SOURCES = ['twitter', 'reddit', 'news'] as const;
const SYMBOL_LIST = /^[A-Z][A-Z0-9.]{0,9}(,[A-Z][A-Z0-9.]{0,9}){0,49}$/;
const WEIGHT_LIST = /^[a-z]+:\d+(\.\d+)?(,[a-z]+:\d+(\.\d+)?)*$/;
const NAME_LIST = /^[a-z0-9-]+(,[a-z0-9-]+)*$/;

export const BROKERS = ['paper', 'ibkr'] as const;
export const ACCOUNT_TYPES = ['cash', 'margin'] as const;
export const SLIPPAGE_MODEL_NAMES = ['none', 'fixed_bps', 'volume_share'] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return value;
};

const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))
    ? Number(value)
    : value;

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

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value,
  )
  @Matches(SYMBOL_LIST, {
    message: 'WATCHLIST must be 1-50 comma-separated symbols like AAPL,MSFT,BRK.B',
  })
  WATCHLIST: string = 'AAPL,MSFT,NVDA,SPY,TSLA';

  @IsIn(MARKET_DATA_SOURCES, {
    message: `MARKET_DATA_PROVIDER must be one of ${MARKET_DATA_SOURCES.join(', ')}`,
  })
  MARKET_DATA_PROVIDER: (typeof MARKET_DATA_SOURCES)[number] = 'simulated';

  @IsIn(FEED_SOURCES, { message: `SENTIMENT_PROVIDER must be one of ${FEED_SOURCES.join(', ')}` })
  SENTIMENT_PROVIDER: (typeof FEED_SOURCES)[number] = 'simulated';

  @IsIn(FEED_SOURCES, {
    message: `OPTIONS_FLOW_PROVIDER must be one of ${FEED_SOURCES.join(', ')}`,
  })
  OPTIONS_FLOW_PROVIDER: (typeof FEED_SOURCES)[number] = 'simulated';

  @Transform(toInteger)
  @IsInt({ message: 'MARKET_DATA_SEED must be an integer' })
  MARKET_DATA_SEED: number = 42;

  @IsString()
  @MinLength(1, { message: 'REPLAY_DIR must not be empty' })
  REPLAY_DIR: string = 'data/replay';

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'VENDOR_BASE_URL must be an http:// or https:// URL' })
  VENDOR_BASE_URL?: string;

  @IsOptional()
  @IsString()
  VENDOR_API_KEY?: string;

  @Transform(toInteger)
  @IsInt({ message: 'VENDOR_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Min(100, { message: 'VENDOR_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Max(60000, { message: 'VENDOR_TIMEOUT_MS must be an integer between 100 and 60000' })
  VENDOR_TIMEOUT_MS: number = 2000;

  @Transform(toInteger)
  @IsInt({ message: 'PROVIDER_CACHE_TTL_MS must be an integer between 0 and 3600000' })
  @Min(0, { message: 'PROVIDER_CACHE_TTL_MS must be an integer between 0 and 3600000' })
  @Max(3600000, { message: 'PROVIDER_CACHE_TTL_MS must be an integer between 0 and 3600000' })
  PROVIDER_CACHE_TTL_MS: number = 5000;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Matches(WEIGHT_LIST, {
    message: 'SENTIMENT_WEIGHTS must look like twitter:0.3,reddit:0.3,news:0.4',
  })
  SENTIMENT_WEIGHTS: string = 'twitter:0.3,reddit:0.3,news:0.4';

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @Min(0, { message: 'SENTIMENT_DIVERGENCE_THRESHOLD must be a number between 0 and 2' })
  @Max(2, { message: 'SENTIMENT_DIVERGENCE_THRESHOLD must be a number between 0 and 2' })
  SENTIMENT_DIVERGENCE_THRESHOLD: number = 0.5;

  @Matches(NAME_LIST, { message: 'STRATEGIES must be a comma-separated list of strategy names' })
  STRATEGIES: string = 'sma-crossover,rsi-mean-reversion,breakout,sentiment-momentum,options-flow';

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @Min(0.01, { message: 'DECISION_THRESHOLD must be a number between 0.01 and 1' })
  @Max(1, { message: 'DECISION_THRESHOLD must be a number between 0.01 and 1' })
  DECISION_THRESHOLD: number = 0.15;

  @IsIn(BROKERS, { message: `BROKER must be one of ${BROKERS.join(', ')}` })
  BROKER: (typeof BROKERS)[number] = 'paper';

  @IsString()
  @MinLength(1, { message: 'IBKR_HOST must not be empty' })
  IBKR_HOST: string = '127.0.0.1';

  @Transform(toInteger)
  @IsInt({ message: 'IBKR_PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'IBKR_PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'IBKR_PORT must be an integer between 1 and 65535' })
  IBKR_PORT: number = 7497;

  @Transform(toInteger)
  @IsInt({ message: 'IBKR_CLIENT_ID must be an integer between 0 and 2147483647' })
  @Min(0, { message: 'IBKR_CLIENT_ID must be an integer between 0 and 2147483647' })
  @Max(2147483647, { message: 'IBKR_CLIENT_ID must be an integer between 0 and 2147483647' })
  IBKR_CLIENT_ID: number = 1;

  @IsOptional()
  @Matches(/^[A-Z0-9]{1,20}$/, { message: 'IBKR_ACCOUNT must be an account id like DU1234567' })
  IBKR_ACCOUNT?: string;

  @IsIn(ACCOUNT_TYPES, { message: `ACCOUNT_TYPE must be one of ${ACCOUNT_TYPES.join(', ')}` })
  ACCOUNT_TYPE: (typeof ACCOUNT_TYPES)[number] = 'cash';

  @Matches(/^\d{1,12}(\.\d{1,2})?$/, {
    message: 'INITIAL_CASH must be an amount like 100000 or 2500.50',
  })
  INITIAL_CASH: string = '100000';

  @IsIn(SLIPPAGE_MODEL_NAMES, {
    message: `PAPER_SLIPPAGE_MODEL must be one of ${SLIPPAGE_MODEL_NAMES.join(', ')}`,
  })
  PAPER_SLIPPAGE_MODEL: (typeof SLIPPAGE_MODEL_NAMES)[number] = 'volume_share';

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @Min(0, { message: 'PAPER_SLIPPAGE_BPS must be a number between 0 and 1000' })
  @Max(1000, { message: 'PAPER_SLIPPAGE_BPS must be a number between 0 and 1000' })
  PAPER_SLIPPAGE_BPS: number = 5;

  @Transform(toInteger)
  @IsInt({ message: 'TRADING_INTERVAL_MS must be an integer: 0 (off) or 1000-86400000' })
  @Min(0, { message: 'TRADING_INTERVAL_MS must be an integer: 0 (off) or 1000-86400000' })
  @Max(86400000, { message: 'TRADING_INTERVAL_MS must be an integer: 0 (off) or 1000-86400000' })
  TRADING_INTERVAL_MS: number = 60000;

  @Transform(toNumber)
  @Min(0.001, { message: 'MAX_POSITION_PCT must be a number between 0.001 and 1' })
  @Max(1, { message: 'MAX_POSITION_PCT must be a number between 0.001 and 1' })
  MAX_POSITION_PCT: number = 0.1;

  @Transform(toNumber)
  @Min(0.001, { message: 'STOP_LOSS_PCT must be a number between 0.001 and 0.9' })
  @Max(0.9, { message: 'STOP_LOSS_PCT must be a number between 0.001 and 0.9' })
  STOP_LOSS_PCT: number = 0.05;

  @Transform(toNumber)
  @Min(0.001, { message: 'TAKE_PROFIT_PCT must be a number between 0.001 and 10' })
  @Max(10, { message: 'TAKE_PROFIT_PCT must be a number between 0.001 and 10' })
  TAKE_PROFIT_PCT: number = 0.1;

  @Transform(toNumber)
  @Min(0.001, { message: 'TRAILING_STOP_PCT must be a number between 0.001 and 0.9' })
  @Max(0.9, { message: 'TRAILING_STOP_PCT must be a number between 0.001 and 0.9' })
  TRAILING_STOP_PCT: number = 0.07;

  @Transform(toInteger)
  @IsInt({ message: 'PERFORMANCE_PERIODS_PER_YEAR must be an integer between 1 and 366' })
  @Min(1, { message: 'PERFORMANCE_PERIODS_PER_YEAR must be an integer between 1 and 366' })
  @Max(366, { message: 'PERFORMANCE_PERIODS_PER_YEAR must be an integer between 1 and 366' })
  PERFORMANCE_PERIODS_PER_YEAR: number = 252;

  @Transform(toNumber)
  @Min(0, { message: 'RISK_FREE_RATE must be a number between 0 and 1' })
  @Max(1, { message: 'RISK_FREE_RATE must be a number between 0 and 1' })
  RISK_FREE_RATE: number = 0;

  @Transform(toInteger)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 120000' })
  @Min(1000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 120000' })
  @Max(120000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 120000' })
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  @IsString()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'HTTP_BODY_LIMIT must look like 100kb, 1mb or 512b' })
  HTTP_BODY_LIMIT: string = '100kb';

  @Transform(toInteger)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer between 0 and 1000000' })
  @Min(0, { message: 'RATE_LIMIT_PER_MINUTE must be an integer between 0 and 1000000' })
  @Max(1000000, { message: 'RATE_LIMIT_PER_MINUTE must be an integer between 0 and 1000000' })
  RATE_LIMIT_PER_MINUTE: number = 1200;
}

import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Environment, LogLevel, SENTIMENT_SOURCES } from './environment';

/** The typed, validated configuration every module reads; built once by `loadConfig`. */
export class AppConfig {
  readonly http!: {
    port: number;
    host: string;
    bodyLimit: string;
    /** Requests per minute one client may make to /api routes; 0 = unlimited. */
    rateLimitPerMinute: number;
  };
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
  readonly marketData!: {
    source: 'simulated' | 'replay' | 'http';
    watchlist: readonly string[];
    seed: number;
    replayDir: string;
    cacheTtlMs: number;
    /** Unset: an in-process cache. */
    redisUrl?: string;
  };
  readonly vendor!: { baseUrl?: string; apiKey?: string; timeoutMs: number };
  readonly sentiment!: {
    source: 'simulated' | 'http';
    weights: Readonly<Record<string, number>>;
    divergenceThreshold: number;
  };
  readonly optionsFlow!: { source: 'simulated' | 'http' };
  /** Strategies enabled at start (they can be switched at run time). */
  readonly strategies!: readonly string[];
  /** Net signal vote at or beyond which a decision is buy or sell. */
  readonly decisionThreshold!: number;
  readonly trading!: {
    /** 0: the loop does not run on a schedule. */
    intervalMs: number;
    /** Position value at confidence 1, as a fraction of equity. */
    maxPositionPct: number;
    stopLossPct: number;
    takeProfitPct: number;
    trailingStopPct: number;
  };
  readonly performance!: { periodsPerYear: number; riskFreeRate: number };
  readonly execution!: {
    broker: 'paper' | 'ibkr';
    /** cash: T+1 settlement, good-faith and free-riding rules; margin: the PDT policy applies. */
    accountType: 'cash' | 'margin';
    ibkr: { host: string; port: number; clientId: number; account?: string };
    initialCash: string;
    paperSlippage: { model: 'none' | 'fixed_bps' | 'volume_share'; bps: number };
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

const parseWeights = (list: string): Record<string, number> =>
  Object.fromEntries(
    list.split(',').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])]),
  );

function crossFieldProblems(parsed: Environment): string[] {
  const problems: string[] = [];
  if (parsed.METRICS_PORT !== undefined && parsed.METRICS_PORT === parsed.PORT) {
    problems.push('METRICS_PORT must differ from PORT (leave it unset to share the listener)');
  }
  const usesVendor = [
    parsed.MARKET_DATA_PROVIDER,
    parsed.SENTIMENT_PROVIDER,
    parsed.OPTIONS_FLOW_PROVIDER,
  ].includes('http');
  if (usesVendor && !parsed.VENDOR_BASE_URL) {
    problems.push('VENDOR_BASE_URL is required when a provider is set to http');
  }
  const unknownSources = Object.keys(parseWeights(parsed.SENTIMENT_WEIGHTS)).filter(
    (name) => !(SENTIMENT_SOURCES as readonly string[]).includes(name),
  );
  if (unknownSources.length > 0) {
    problems.push(
      `SENTIMENT_WEIGHTS names unknown sources (${unknownSources.join(', ')}); use ${SENTIMENT_SOURCES.join(', ')}`,
    );
  }
  return problems;
}

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
  const problems = crossFieldProblems(parsed);
  if (problems.length > 0) throw new ConfigurationError(problems);

  return {
    http: {
      port: parsed.PORT,
      host: parsed.HOST,
      bodyLimit: parsed.HTTP_BODY_LIMIT,
      rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
    },
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
    marketData: {
      source: parsed.MARKET_DATA_PROVIDER,
      watchlist: [...new Set(parsed.WATCHLIST.split(','))],
      seed: parsed.MARKET_DATA_SEED,
      replayDir: resolve(parsed.REPLAY_DIR),
      cacheTtlMs: parsed.PROVIDER_CACHE_TTL_MS,
      redisUrl: parsed.REDIS_URL,
    },
    vendor: {
      baseUrl: parsed.VENDOR_BASE_URL,
      apiKey: parsed.VENDOR_API_KEY,
      timeoutMs: parsed.VENDOR_TIMEOUT_MS,
    },
    sentiment: {
      source: parsed.SENTIMENT_PROVIDER,
      weights: parseWeights(parsed.SENTIMENT_WEIGHTS),
      divergenceThreshold: parsed.SENTIMENT_DIVERGENCE_THRESHOLD,
    },
    optionsFlow: { source: parsed.OPTIONS_FLOW_PROVIDER },
    strategies: [...new Set(parsed.STRATEGIES.split(','))],
    decisionThreshold: parsed.DECISION_THRESHOLD,
    trading: {
      intervalMs: parsed.TRADING_INTERVAL_MS,
      maxPositionPct: parsed.MAX_POSITION_PCT,
      stopLossPct: parsed.STOP_LOSS_PCT,
      takeProfitPct: parsed.TAKE_PROFIT_PCT,
      trailingStopPct: parsed.TRAILING_STOP_PCT,
    },
    performance: {
      periodsPerYear: parsed.PERFORMANCE_PERIODS_PER_YEAR,
      riskFreeRate: parsed.RISK_FREE_RATE,
    },
    execution: {
      broker: parsed.BROKER,
      accountType: parsed.ACCOUNT_TYPE,
      ibkr: {
        host: parsed.IBKR_HOST,
        port: parsed.IBKR_PORT,
        clientId: parsed.IBKR_CLIENT_ID,
        account: parsed.IBKR_ACCOUNT,
      },
      initialCash: parsed.INITIAL_CASH,
      paperSlippage: { model: parsed.PAPER_SLIPPAGE_MODEL, bps: parsed.PAPER_SLIPPAGE_BPS },
    },
    apiToken: parsed.API_TOKEN,
    logLevel: parsed.LOG_LEVEL,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
  };
}

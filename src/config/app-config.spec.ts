import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from './environment';
import { ConfigurationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.metrics).toEqual({
      enabled: true,
      path: '/metrics',
      port: undefined,
      token: undefined,
    });
    expect(config.database.url).toBeUndefined();
    expect(config.dataDir).toMatch(/\/\.data$/);
    expect(config.logLevel).toBe('info');
  });

  it('reads and converts values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      METRICS_ENABLED: 'false',
      METRICS_PORT: '9464',
      METRICS_PATH: '/internal/metrics',
      DATABASE_URL: 'postgres://u:p@db:5432/tw',
      LOG_LEVEL: 'debug',
    });
    expect(config.http.port).toBe(8080);
    expect(config.metrics.enabled).toBe(false);
    expect(config.metrics.port).toBe(9464);
    expect(config.metrics.path).toBe('/internal/metrics');
    expect(config.database.url).toBe('postgres://u:p@db:5432/tw');
    expect(config.logLevel).toBe('debug');
  });

  it('reads the trading-brain settings', () => {
    const config = loadConfig({
      WATCHLIST: 'spy, qqq,SPY',
      SENTIMENT_WEIGHTS: 'news:1',
      DECISION_THRESHOLD: '0.4',
    });
    expect(config.marketData.watchlist).toEqual(['SPY', 'QQQ']);
    expect(config.sentiment.weights).toEqual({ news: 1 });
    expect(config.decisionThreshold).toBe(0.4);
    expect(config.strategies).toHaveLength(5);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', METRICS_PORT: ' ' }).database.url).toBeUndefined();
  });

  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigurationError) return error.problems;
      throw error;
    }
    throw new Error('expected a ConfigurationError');
  };

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer'],
    [{ PORT: '70000' }, 'PORT must be an integer'],
    [{ METRICS_ENABLED: 'maybe' }, 'METRICS_ENABLED must be true or false'],
    [{ METRICS_PORT: '9090' }, "METRICS_PORT must not be 9090: that is Prometheus's own port"],
    [{ METRICS_PATH: 'metrics' }, 'METRICS_PATH must be a path starting with "/"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres://'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ API_TOKEN: 'short' }, 'API_TOKEN must be at least 16 characters'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16 characters'],
    [{ PORT: '4000', METRICS_PORT: '4000' }, 'METRICS_PORT must differ from PORT'],
    [{ WATCHLIST: 'AAPL,msft!' }, 'WATCHLIST must be 1-50 comma-separated symbols'],
    [
      { MARKET_DATA_PROVIDER: 'http' },
      'VENDOR_BASE_URL is required when a provider is set to http',
    ],
    [
      { MARKET_DATA_PROVIDER: 'bloomberg' },
      'MARKET_DATA_PROVIDER must be one of simulated, replay, http',
    ],
    [
      { SENTIMENT_WEIGHTS: 'twitter:0.5,facebook:0.5' },
      'SENTIMENT_WEIGHTS names unknown sources (facebook)',
    ],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ DECISION_THRESHOLD: '2' }, 'DECISION_THRESHOLD must be a number between 0.01 and 1'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(problemsOf(env).join('\n')).toContain(message);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });
});

describe('.env.template', () => {
  const template = readFileSync(join(__dirname, '..', '..', '.env.template'), 'utf8');
  const documented = new Map(
    template
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const variables = [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(Environment, '', true, false)
        .map((metadata) => metadata.propertyName),
    ),
  ];

  it('documents every variable the configuration reads', () => {
    expect(variables.length).toBeGreaterThan(10);
    expect(variables.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('shows the real default of each variable', () => {
    const defaults = new Environment() as unknown as Record<string, unknown>;
    for (const name of variables) {
      expect([name, documented.get(name)]).toEqual([
        name,
        defaults[name] === undefined ? '' : String(defaults[name]),
      ]);
    }
  });
});

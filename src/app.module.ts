import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppConfig, ConfigModule } from './config';
import { APP_NAME, APP_VERSION } from './app-version';
import { API_TOKEN, ApiTokenGuard } from './common/auth/api-token.guard';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { LoggingModule } from './common/logging/logging.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule, MetricsModule } from './observability';
import { StatusModule } from './status/status.module';
import { ClockModule } from './common/clock/clock';
import { EvaluationModule } from './evaluation/evaluation.module';
import { ExecutionModule } from './execution/execution.module';
import { PortfolioModule } from './portfolio/portfolio.module';
import { RiskModule } from './risk/risk.module';
import { MarketDataModule } from './market-data/market-data.module';
import { OptionsFlowModule } from './options-flow/options-flow.module';
import { ProvidersModule } from './providers/providers.module';
import { SentimentModule } from './sentiment/sentiment.module';
import { StrategiesModule } from './strategies/strategies.module';
import { TradingModule } from './trading/trading.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The PostgreSQL to use (DATABASE_URL, or the embedded one main.ts started). */
  databaseUrl: string;
  apiToken: string;
}

/** The whole application, built from a validated configuration (no global state read here). */
@Module({})
export class AppModule {
  static register({ config, databaseUrl, apiToken }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot({
          level: config.logLevel,
          quietPaths: [config.metrics.path, '/health/live', '/health/ready'],
        }),
        MetricsModule.forRoot({
          enabled: config.metrics.enabled,
          path: config.metrics.path,
          port: config.metrics.port,
          host: config.http.host,
          token: config.metrics.token,
          app: { name: APP_NAME, version: APP_VERSION },
          diskPath: config.dataDir,
        }),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.database.poolSize }),
        HealthModule.forRoot({ diskPath: config.dataDir }),
        RateLimitModule.forRoot(config.http.rateLimitPerMinute),
        ClockModule,
        ProvidersModule,
        StatusModule,
        MarketDataModule,
        SentimentModule,
        OptionsFlowModule,
        StrategiesModule,
        EvaluationModule,
        PortfolioModule,
        RiskModule,
        ExecutionModule,
        TradingModule,
      ],
      providers: [
        { provide: API_TOKEN, useValue: apiToken },
        // the rate limit first, so that guessing the token is limited too
        ...RateLimitModule.globalGuard(config.http.rateLimitPerMinute),
        { provide: APP_GUARD, useClass: ApiTokenGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
          }),
        },
      ],
    };
  }
}

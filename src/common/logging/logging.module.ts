import { DynamicModule, Module } from '@nestjs/common';
import { AccessLog } from './access-log';
import { AppLogger } from './app-logger';
import { ACCESS_LOGGER, LOGGING_OPTIONS, ROOT_LOGGER } from './logging.constants';
import type { LoggingOptions } from './logging-options.interface';
import { createLoggers } from './loggers';

export { requestId } from './request-id';
export type { LoggingOptions } from './logging-options.interface';

/**
 * Structured JSON logs (pino) on stdout: Nest's logger (`AppLogger`, secrets redacted) and one
 * access line per request (`AccessLog`) carrying the request id. Deliberately no per-request
 * logging context (AsyncLocalStorage): lines logged by services during a request do not carry its
 * id — it cost more than a third of the CPU per request (docs/BENCHMARKS.md).
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const loggers = createLoggers(options.level);
    return {
      module: LoggingModule,
      providers: [
        { provide: LOGGING_OPTIONS, useValue: options },
        { provide: ROOT_LOGGER, useValue: loggers.root },
        { provide: ACCESS_LOGGER, useValue: loggers.access },
        AppLogger,
        AccessLog,
      ],
      exports: [AppLogger, ROOT_LOGGER],
    };
  }
}

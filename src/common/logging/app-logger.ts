import { Inject, Injectable, LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { ROOT_LOGGER } from './logging.constants';

/**
 * Nest's `LoggerService` on the root pino logger (`app.useLogger(app.get(AppLogger))`), with the
 * call contract nestjs-pino had, so `new Logger(Context)` calls keep their output:
 * `logger.warn('text')`, `logger.error({ err, path }, 'text')` (fields first, then the message),
 * and Nest's own `error(message, stack)` — the context Nest appends last becomes `context`.
 */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.call('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.call('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.call('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.call('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.call('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.call('fatal', message, params);
  }

  private call(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    // Nest appends the logger's context as the last parameter.
    if (params.length > 0) fields.context = params.pop();
    const rest = params.filter((param) => param !== undefined);
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, ...(rest as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level](Object.assign(fields, message), ...(rest as [string?]));
    } else if (isNestErrorWithStack(level, rest)) {
      // Nest's exception handlers call error(message, stack): keep the stack as an error.
      const err = new Error(String(message));
      err.stack = rest[0] as string;
      this.logger[level](Object.assign(fields, { err }));
    } else {
      this.logger[level](fields, String(message), ...rest);
    }
  }
}

function isNestErrorWithStack(level: Level, rest: unknown[]): boolean {
  return (
    level === 'error' &&
    rest.length === 1 &&
    typeof rest[0] === 'string' &&
    /\n\s*at /.test(rest[0])
  );
}

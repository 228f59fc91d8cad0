import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorMetrics } from '../../observability';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './database-unavailable';
import { DomainError } from './domain-error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  path: string;
  requestId?: string;
}

const STATUS_NAMES = HttpStatus as unknown as Record<number, string>;
const errorName = (status: number): string =>
  (STATUS_NAMES[status] ?? 'ERROR')
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/**
 * The one place errors become HTTP responses: clean JSON, never a stack trace or SQL. Client
 * errors are counted in `errors_total`; anything unexpected is logged and counted as an exception.
 * A database that cannot be reached (whatever the driver threw) is a 503 counted as
 * `errors_total{type="database_unavailable"}`: an outage, not a bug.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(private readonly errorMetrics: ErrorMetrics) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request & { id?: unknown }>();
    const response = ctx.getResponse<Response>();
    const exception = this.databaseOutage(thrown, request.path) ?? thrown;
    const { status, message, details } = this.describe(exception);
    if (exception instanceof DatabaseUnavailableError) {
      this.errorMetrics.recordError(exception.code, 'http');
    } else if (exception instanceof HttpException || exception instanceof DomainError) {
      this.errorMetrics.recordError(errorName(status).toLowerCase().replace(/ /g, '_'), 'http');
    } else {
      this.errorMetrics.recordException(exception, 'http');
      this.logger.error(
        { err: exception, path: request.path, requestId: request.id },
        'unexpected error while handling a request',
      );
    }
    if (response.headersSent) return;
    if (details) {
      // A deliberate body of another shape (Terminus's health report) goes out unchanged.
      response.status(status).json(details);
      return;
    }
    const body: ErrorBody = {
      statusCode: status,
      error: errorName(status),
      message,
      path: request.path,
      requestId: request.id === undefined ? undefined : String(request.id),
    };
    response.status(status).json(body);
  }

  /** A driver error saying the database cannot be reached, as the client-safe 503 it means. */
  private databaseOutage(thrown: unknown, path: string): DatabaseUnavailableError | undefined {
    if (thrown instanceof DomainError || !isDatabaseUnavailable(thrown)) return undefined;
    this.logger.warn({ path, cause: String(thrown) }, 'the database is unavailable: answered 503');
    return new DatabaseUnavailableError();
  }

  private describe(exception: unknown): {
    status: number;
    message: string | string[];
    details?: object;
  } {
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const status = exception.getStatus();
      if (typeof response === 'string') return { status, message: response };
      const { message } = response as { message?: string | string[] };
      if (message === undefined)
        return { status, message: exception.message, details: response as object };
      return { status, message };
    }
    if (exception instanceof DomainError)
      return { status: exception.status, message: exception.message };
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}

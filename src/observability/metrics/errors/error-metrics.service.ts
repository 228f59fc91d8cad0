import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';

/** Bounded label value for an exception: its class name (code-defined), never its message. */
export function exceptionType(error: unknown): string {
  if (error instanceof Error) return error.constructor?.name || 'Error';
  return error === null ? 'null' : typeof error;
}

/** The one place domain code, the exception filter and process handlers report errors. */
@Injectable()
export class ErrorMetrics {
  constructor(
    @InjectMetric('errors_total') private readonly errors: Counter<string>,
    @InjectMetric('exceptions_total') private readonly exceptions: Counter<string>,
    @InjectMetric('critical_errors_total') private readonly critical: Counter<string>,
  ) {}

  /** An error the application handled; `type` and `component` must come from closed sets. */
  recordError(type: string, component: string): void {
    this.errors.inc({ type, component });
  }

  /** An unexpected exception; it is also counted as an error of the same type. */
  recordException(error: unknown, component: string): void {
    const type = exceptionType(error);
    this.exceptions.inc({ type, component });
    this.errors.inc({ type, component });
  }

  /** An exception that endangers the process or its data. */
  recordCritical(error: unknown, component: string): void {
    this.recordException(error, component);
    this.critical.inc({ component });
  }
}

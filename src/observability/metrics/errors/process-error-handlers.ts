import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ErrorMetrics } from './error-metrics.service';

/**
 * Counts process-level failures as critical errors. Uncaught exceptions are only observed (the
 * `uncaughtExceptionMonitor` hook leaves the crash to the process); unhandled rejections are
 * logged and counted instead of crashing a server that is otherwise healthy.
 */
@Injectable()
export class ProcessErrorHandlers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Process');

  constructor(private readonly errors: ErrorMetrics) {}

  private readonly onUncaught = (error: Error): void =>
    this.errors.recordCritical(error, 'process');

  private readonly onRejection = (reason: unknown): void => {
    this.errors.recordCritical(reason, 'process');
    this.logger.error({ err: reason }, 'unhandled promise rejection');
  };

  onModuleInit(): void {
    process.on('uncaughtExceptionMonitor', this.onUncaught);
    process.on('unhandledRejection', this.onRejection);
  }

  onModuleDestroy(): void {
    process.off('uncaughtExceptionMonitor', this.onUncaught);
    process.off('unhandledRejection', this.onRejection);
  }
}

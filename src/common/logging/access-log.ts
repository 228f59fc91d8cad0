import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { ACCESS_LOGGER, LOGGING_OPTIONS } from './logging.constants';
import type { LoggingOptions } from './logging-options.interface';

const STARTED_AT = Symbol('accessLogStartedAt');
type TimedResponse = ServerResponse & { [STARTED_AT]: number };
type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/** 5xx error, 4xx warn, else info. */
export function levelForStatus(status: number): Level {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

/** The path without its query string: query strings may carry anything and are never logged. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * One JSON line per request, written when its response closes:
 * `{ req: { id, method, url }, res: { statusCode }, responseTime (ms), msg }` at the level its
 * status calls for. Like the HTTP metrics it listens on the HTTP server ahead of Express (one
 * shared listener, no closure or child logger per request) and adds no AsyncLocalStorage, whose
 * promise hooks would tax every promise in the process. Successful probes and scrapes are quiet.
 * When none of the levels it writes at is enabled, it does not listen at all.
 */
@Injectable()
export class AccessLog implements OnModuleInit {
  private readonly quietPaths: ReadonlySet<string>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ACCESS_LOGGER) private readonly logger: Logger,
    @Inject(LOGGING_OPTIONS) options: LoggingOptions,
  ) {
    this.quietPaths = new Set(options.quietPaths);
  }

  onModuleInit(): void {
    if (!this.logger.isLevelEnabled('error')) return;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.prependListener('request', this.onRequest);
  }

  private readonly onRequest = (_req: IncomingMessage, res: ServerResponse): void => {
    (res as TimedResponse)[STARTED_AT] = performance.now();
    // `on`, not `once` (which wraps the listener per call): a response closes exactly once.
    res.on('close', this.onClose);
  };

  /** One listener shared by every response; `this` is the response. */
  private readonly onClose = ((log: AccessLog) =>
    function (this: ServerResponse): void {
      log.write(this as TimedResponse);
    })(this);

  private write(res: TimedResponse): void {
    const status = res.statusCode;
    const aborted = !res.writableFinished;
    const level = aborted && status < 400 ? 'warn' : levelForStatus(status);
    if (!this.logger.isLevelEnabled(level)) return;
    const req = res.req as LoggedRequest;
    const url = pathOf(req.originalUrl ?? req.url ?? '');
    if (level === 'info' && this.quietPaths.has(url)) return;
    this.logger[level](
      {
        req: { id: req.id ?? res.getHeader('x-request-id'), method: req.method, url },
        res: { statusCode: status },
        responseTime: Math.round((performance.now() - res[STARTED_AT]) * 1000) / 1000,
      },
      aborted ? 'request aborted' : 'request completed',
    );
  }
}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import { CollectedFamily } from '../exposition/collected-family';
import { METRICS_OPTIONS, METRICS_REGISTRY } from '../metrics.constants';
import type { ResolvedMetricsOptions } from '../metrics-options.interface';
import { CLIENT_CLOSED_REQUEST, endpointLabel, errorTypeLabel, methodLabel } from './http-labels';
import { HttpRequestStats } from './http-request-stats';
import {
  HTTP_ERRORS_TOTAL,
  HTTP_REQUEST_DURATION_SECONDS,
  HTTP_REQUEST_SIZE_BYTES,
  HTTP_REQUESTS_IN_FLIGHT,
  HTTP_REQUESTS_TOTAL,
  HTTP_RESPONSE_SIZE_BYTES,
} from './http.metrics';

/**
 * Records every HTTP request when its response closes. It listens on the HTTP server itself,
 * ahead of Express, so body-parser failures, 404s, guard rejections, statuses set by exception
 * filters and client aborts are all seen with their final status and real duration — which an
 * interceptor (it sees only the handler) cannot. The route template is the route Express matched.
 * Values are kept as plain numbers (`HttpRequestStats`) and read when Prometheus scrapes.
 */
const STARTED_AT = Symbol('httpMetricsStartedAt');
type TimedResponse = ServerResponse & { [STARTED_AT]: number };

@Injectable()
export class HttpMetricsRecorder implements OnModuleInit {
  private readonly metricsPath: string | undefined;
  private readonly stats = new HttpRequestStats();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(METRICS_OPTIONS) options: ResolvedMetricsOptions,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    // Scrapes are not traffic; on a separate metrics port the app's listener has no metrics path.
    this.metricsPath = options.port === undefined ? options.path : undefined;
    this.registerFamilies(registry);
  }

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.prependListener('request', this.onRequest);
  }

  private registerFamilies(registry: Registry): void {
    const stats = this.stats;
    new CollectedFamily(HTTP_REQUESTS_TOTAL, () => stats.requests()).registerIn(registry);
    new CollectedFamily(HTTP_REQUEST_DURATION_SECONDS, () => stats.durations()).registerIn(
      registry,
    );
    new CollectedFamily(HTTP_REQUEST_SIZE_BYTES, () => stats.requestSizes()).registerIn(registry);
    new CollectedFamily(HTTP_RESPONSE_SIZE_BYTES, () => stats.responseSizes()).registerIn(registry);
    new CollectedFamily(HTTP_ERRORS_TOTAL, () => stats.errors()).registerIn(registry);
    new CollectedFamily(HTTP_REQUESTS_IN_FLIGHT, () => [
      { labels: {}, value: stats.inFlight },
    ]).registerIn(registry);
  }

  private readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.isScrape(req.url ?? '')) return;
    (res as TimedResponse)[STARTED_AT] = performance.now();
    this.stats.inFlight++;
    // `on`, not `once` (which wraps the listener per call): a response closes exactly once.
    res.on('close', this.onClose);
  };

  /** One listener shared by every response (no closure per request); `this` is the response. */
  private readonly onClose = ((recorder: HttpMetricsRecorder) =>
    function (this: ServerResponse): void {
      recorder.stats.inFlight--;
      recorder.record(this as TimedResponse);
    })(this);

  private isScrape(url: string): boolean {
    const path = this.metricsPath;
    return (
      path !== undefined &&
      url.startsWith(path) &&
      (url.length === path.length || url[path.length] === '?')
    );
  }

  private record(res: TimedResponse): void {
    const req = res.req;
    const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
    const responseLength = res.getHeader('content-length');
    this.stats.record(
      endpointLabel(req),
      methodLabel(req.method),
      status,
      (performance.now() - res[STARTED_AT]) / 1000,
      Number(req.headers['content-length']) || 0,
      responseLength === undefined ? undefined : Number(responseLength),
      errorTypeLabel(status),
    );
  }
}

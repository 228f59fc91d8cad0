import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { METRICS_OPTIONS } from '../metrics.constants';
import type { ResolvedMetricsOptions } from '../metrics-options.interface';
import { CLIENT_CLOSED_REQUEST, endpointLabel, errorTypeLabel, methodLabel } from './http-labels';

/**
 * Records every HTTP request when its response closes. It listens on the HTTP server itself,
 * ahead of Express, so body-parser failures, 404s, guard rejections, statuses set by exception
 * filters and client aborts are all seen with their final status and real duration — which an
 * interceptor (it sees only the handler) cannot. The route template is the route Express matched.
 */
@Injectable()
export class HttpMetricsRecorder implements OnModuleInit {
  private readonly metricsPath: string | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(METRICS_OPTIONS) options: ResolvedMetricsOptions,
    @InjectMetric('http_requests_total') private readonly requests: Counter<string>,
    @InjectMetric('http_request_duration_seconds') private readonly duration: Histogram<string>,
    @InjectMetric('http_request_size_bytes') private readonly requestSize: Histogram<string>,
    @InjectMetric('http_response_size_bytes') private readonly responseSize: Histogram<string>,
    @InjectMetric('http_errors_total') private readonly errors: Counter<string>,
    @InjectMetric('http_requests_in_flight') private readonly inFlight: Gauge<string>,
  ) {
    // Scrapes are not traffic; on a separate metrics port the app's listener has no metrics path.
    this.metricsPath = options.port === undefined ? options.path : undefined;
  }

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.prependListener('request', this.onRequest);
  }

  private readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.isScrape(req.url ?? '')) return;
    const startedAt = performance.now();
    this.inFlight.inc();
    res.once('close', () => {
      this.inFlight.dec();
      this.record(req, res, startedAt);
    });
  };

  private isScrape(url: string): boolean {
    const path = this.metricsPath;
    return (
      path !== undefined &&
      url.startsWith(path) &&
      (url.length === path.length || url[path.length] === '?')
    );
  }

  private record(req: IncomingMessage, res: ServerResponse, startedAt: number): void {
    const endpoint = endpointLabel(req);
    const method = methodLabel(req.method);
    const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
    this.requests.inc({ endpoint, method, status_code: status });
    this.duration.observe({ endpoint, method }, (performance.now() - startedAt) / 1000);
    this.requestSize.observe({ endpoint }, Number(req.headers['content-length']) || 0);
    const responseLength = res.getHeader('content-length');
    if (responseLength !== undefined)
      this.responseSize.observe({ endpoint }, Number(responseLength));
    const errorType = errorTypeLabel(status);
    if (errorType !== undefined) this.errors.inc({ endpoint, error_type: errorType });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { METRICS_OPTIONS, METRICS_REGISTRY } from '../metrics.constants';
import type { ResolvedMetricsOptions } from '../metrics-options.interface';
import { BearerToken } from '../../bearer-token';
import { renderOpenMetrics } from './open-metrics';
import { renderPrometheusText } from './prometheus-text';

/** Refreshes gauges that are read rather than pushed (pool size, memory, health...) before a scrape. */
export type ScrapeCollector = () => void | Promise<void>;

export interface RenderedMetrics {
  contentType: string;
  body: string;
}

/** Everything a scrape needs, shared by the controller and the separate metrics listener. */
@Injectable()
export class MetricsExposition {
  private readonly logger = new Logger(MetricsExposition.name);
  private readonly collectors: ScrapeCollector[] = [];
  private readonly token?: BearerToken;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(METRICS_OPTIONS) options: ResolvedMetricsOptions,
  ) {
    this.token = options.token === undefined ? undefined : new BearerToken(options.token);
  }

  addCollector(collector: ScrapeCollector): void {
    this.collectors.push(collector);
  }

  /** True when no token is configured or the header carries it (compared in constant time). */
  isAuthorized(authorization: string | undefined): boolean {
    return this.token === undefined || this.token.matches(authorization);
  }

  async render(accept: string | undefined): Promise<RenderedMetrics> {
    await this.runCollectors();
    // A collector's last await may resolve inside a file-system request's callback (statfs), which
    // is listed as active until that callback returns: without this turn of the event loop, the
    // scrape would count its own request in nodejs_active_resources.
    await new Promise((resolve) => setImmediate(resolve));
    if (accept?.includes('application/openmetrics-text')) {
      return {
        contentType: Registry.OPENMETRICS_CONTENT_TYPE,
        body: await renderOpenMetrics(this.registry),
      };
    }
    return {
      contentType: Registry.PROMETHEUS_CONTENT_TYPE,
      body: await renderPrometheusText(this.registry),
    };
  }

  /**
   * One after the other, so that a collector reading the database pool is not disturbed by
   * another collector's queries; a failing collector is logged and skipped.
   */
  private async runCollectors(): Promise<void> {
    for (const collect of this.collectors) {
      try {
        await collect();
      } catch (error) {
        this.logger.warn(`metrics collector failed: ${String(error)}`);
      }
    }
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { MetricsExposition } from '../metrics/exposition/metrics-exposition.service';
import { HealthIndicatorRegistry, RegisteredIndicator } from './health-indicator.registry';

/** Runs indicators through Terminus and mirrors every result into `health_indicator_status`. */
@Injectable()
export class HealthStatusService implements OnModuleInit {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly registry: HealthIndicatorRegistry,
    private readonly exposition: MetricsExposition,
    @InjectMetric('health_indicator_status') private readonly status: Gauge<string>,
  ) {}

  onModuleInit(): void {
    this.exposition.addCollector(() => this.refresh());
  }

  /** Terminus's result; throws Terminus's 503 `ServiceUnavailableException` when one is down. */
  check(indicators: RegisteredIndicator[]): Promise<HealthCheckResult> {
    return this.terminus.check(indicators.map((indicator) => () => this.run(indicator)));
  }

  /** Evaluates every indicator for the gauges (a scrape), without failing. */
  async refresh(): Promise<void> {
    await Promise.all(this.registry.all().map((indicator) => this.run(indicator)));
  }

  private async run(indicator: RegisteredIndicator): Promise<HealthIndicatorResult> {
    let result: HealthIndicatorResult;
    try {
      result = await indicator.check();
    } catch (error) {
      result = {
        [indicator.name]: {
          status: 'down',
          message: error instanceof Error ? error.message : 'failed',
        },
      };
    }
    const up = Object.values(result).every((entry) => entry.status !== 'down');
    this.status.set({ indicator: indicator.name }, up ? 1 : 0);
    return result;
  }
}

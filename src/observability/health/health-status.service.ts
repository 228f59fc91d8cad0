import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { MetricsExposition } from '../metrics/exposition/metrics-exposition.service';
import { HealthIndicatorRegistry, RegisteredIndicator } from './health-indicator.registry';

interface LastRun {
  /** performance.now() when the check started. */
  startedAt: number;
  result: Promise<HealthIndicatorResult>;
}

/** Runs indicators through Terminus and mirrors every result into `health_indicator_status`. */
@Injectable()
export class HealthStatusService implements OnModuleInit {
  /** The latest run of each indicator that scrapes may reuse (`reuseForScrapesMs`). */
  private readonly lastRuns = new Map<string, LastRun>();

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

  /**
   * Evaluates every indicator for the gauges (a scrape), without failing. A costly check whose
   * last run (by a scrape or a /health call, possibly still running) is recent enough is not run
   * again: its gauge already shows that result.
   */
  async refresh(): Promise<void> {
    await Promise.all(
      this.registry.all().map((indicator) => this.recentRun(indicator) ?? this.run(indicator)),
    );
  }

  private recentRun(indicator: RegisteredIndicator): Promise<unknown> | undefined {
    const last = this.lastRuns.get(indicator.name);
    const reuseMs = indicator.reuseForScrapesMs ?? 0;
    return last && performance.now() - last.startedAt < reuseMs ? last.result : undefined;
  }

  private run(indicator: RegisteredIndicator): Promise<HealthIndicatorResult> {
    const startedAt = performance.now();
    const result = this.evaluate(indicator);
    if (indicator.reuseForScrapesMs) this.lastRuns.set(indicator.name, { startedAt, result });
    return result;
  }

  private async evaluate(indicator: RegisteredIndicator): Promise<HealthIndicatorResult> {
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

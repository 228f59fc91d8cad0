import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';

/** Which probes an indicator takes part in; every indicator is part of `/health`. */
export type HealthProbe = 'liveness' | 'readiness';

export interface RegisteredIndicator {
  /** Also the `indicator` label of `health_indicator_status`: a fixed, code-defined name. */
  name: string;
  probes: readonly HealthProbe[];
  check: () => PromiseLike<HealthIndicatorResult> | HealthIndicatorResult;
  /**
   * For checks that cost a round trip: a scrape shows the last result (of a scrape or a /health
   * call) while it is younger than this instead of running the check again. /health calls always
   * run it. @default 0
   */
  reuseForScrapesMs?: number;
}

/**
 * Where features add their health indicators (broker, providers, trading loop...) without the
 * health module knowing them: inject this and call `register` in `onModuleInit`.
 */
@Injectable()
export class HealthIndicatorRegistry {
  private readonly indicators = new Map<string, RegisteredIndicator>();

  register(indicator: RegisteredIndicator): void {
    if (this.indicators.has(indicator.name)) {
      throw new Error(`a health indicator named "${indicator.name}" is already registered`);
    }
    this.indicators.set(indicator.name, indicator);
  }

  all(): RegisteredIndicator[] {
    return [...this.indicators.values()];
  }

  forProbe(probe: HealthProbe): RegisteredIndicator[] {
    return this.all().filter((indicator) => indicator.probes.includes(probe));
  }
}

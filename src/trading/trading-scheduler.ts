import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { AppConfig } from '../config';
import { InjectMetric } from '../observability';
import { TradingCycleService } from './trading-cycle.service';

/** Runs a cycle every TRADING_INTERVAL_MS; a tick that finds a cycle still running is skipped. */
@Injectable()
export class TradingScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TradingScheduler.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<unknown>;

  constructor(
    private readonly cycles: TradingCycleService,
    private readonly config: AppConfig,
    @InjectMetric('trading_loop_interval_seconds') private readonly intervalGauge: Gauge<string>,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.trading.intervalMs;
    this.intervalGauge.set(interval / 1000);
    if (interval === 0) return;
    this.timer = setInterval(() => this.tick(), interval);
    this.logger.log(`trading loop every ${interval / 1000} s`);
  }

  /** No new cycle once shutdown starts; the one in flight finishes (it holds database work). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private tick(): void {
    if (this.cycles.isRunning) return;
    this.current = this.cycles.run('schedule').catch((error: unknown) => {
      this.logger.error({ err: error }, 'trading cycle failed');
    });
  }
}

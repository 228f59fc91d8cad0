import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  DiskHealthIndicator,
  MemoryHealthIndicator,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { getHeapStatistics } from 'node:v8';
import { HealthIndicatorRegistry } from './health-indicator.registry';
import { HEALTH_OPTIONS, ResolvedHealthOptions } from './health-options.interface';

/** A database ping (and a statfs) per scrape is not worth it: scrapes reuse a result this young. */
const SCRAPE_REUSE_MS = 5_000;

/** Registers the built-in indicators: database ping, disk space and heap use (all readiness). */
@Injectable()
export class CoreIndicators implements OnModuleInit {
  constructor(
    private readonly registry: HealthIndicatorRegistry,
    private readonly disk: DiskHealthIndicator,
    private readonly memory: MemoryHealthIndicator,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(HEALTH_OPTIONS) private readonly options: ResolvedHealthOptions,
  ) {}

  onModuleInit(): void {
    const { diskPath, diskThresholdPercent, heapThresholdRatio, databaseTimeoutMs } = this.options;
    if (this.options.database) {
      this.registry.register({
        name: 'database',
        probes: ['readiness'],
        check: () => this.database.pingCheck('database', { timeout: databaseTimeoutMs }),
        reuseForScrapesMs: SCRAPE_REUSE_MS,
      });
    }
    this.registry.register({
      name: 'disk',
      probes: ['readiness'],
      check: () =>
        this.disk.checkStorage('disk', { path: diskPath, thresholdPercent: diskThresholdPercent }),
      reuseForScrapesMs: SCRAPE_REUSE_MS,
    });
    const heapThreshold = getHeapStatistics().heap_size_limit * heapThresholdRatio;
    this.registry.register({
      name: 'memory_heap',
      probes: ['readiness'],
      check: () => this.memory.checkHeap('memory_heap', heapThreshold),
    });
  }
}

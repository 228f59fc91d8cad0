import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { statfs } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Gauge } from 'prom-client';
import { MetricsExposition } from '../exposition/metrics-exposition.service';
import { METRICS_OPTIONS } from '../metrics.constants';
import type { ResolvedMetricsOptions } from '../metrics-options.interface';

/** Reads process and host figures into the system gauges on every scrape. */
@Injectable()
export class SystemMetricsCollector implements OnModuleInit {
  private lastCpu = process.cpuUsage();
  private lastCpuAt = performance.now();
  private readonly cores = availableParallelism();

  constructor(
    private readonly exposition: MetricsExposition,
    @Inject(METRICS_OPTIONS) private readonly options: ResolvedMetricsOptions,
    @InjectMetric('system_uptime_seconds') private readonly uptime: Gauge<string>,
    @InjectMetric('system_memory_usage_bytes') private readonly memory: Gauge<string>,
    @InjectMetric('system_cpu_usage_percent') private readonly cpu: Gauge<string>,
    @InjectMetric('system_disk_usage_bytes') private readonly disk: Gauge<string>,
    @InjectMetric('app_info') private readonly info: Gauge<string>,
  ) {}

  onModuleInit(): void {
    this.info.set(
      {
        app: this.options.app.name,
        version: this.options.app.version,
        node_version: process.version,
      },
      1,
    );
    this.exposition.addCollector(() => this.collect());
  }

  async collect(): Promise<void> {
    this.uptime.set(process.uptime());
    this.collectMemory();
    this.collectCpu();
    await this.collectDisk();
  }

  private collectMemory(): void {
    const usage = process.memoryUsage();
    this.memory.set({ type: 'rss' }, usage.rss);
    this.memory.set({ type: 'heap_total' }, usage.heapTotal);
    this.memory.set({ type: 'heap_used' }, usage.heapUsed);
    this.memory.set({ type: 'external' }, usage.external);
    this.memory.set({ type: 'array_buffers' }, usage.arrayBuffers);
  }

  private collectCpu(): void {
    const now = performance.now();
    const elapsedMicros = (now - this.lastCpuAt) * 1000;
    const used = process.cpuUsage(this.lastCpu);
    this.lastCpu = process.cpuUsage();
    this.lastCpuAt = now;
    if (elapsedMicros <= 0) return;
    this.cpu.set(Math.min(100, ((used.user + used.system) / elapsedMicros / this.cores) * 100));
  }

  private async collectDisk(): Promise<void> {
    const stats = await statfs(this.options.diskPath);
    const total = stats.blocks * stats.bsize;
    const free = stats.bavail * stats.bsize;
    this.disk.set({ type: 'total' }, total);
    this.disk.set({ type: 'free' }, free);
    this.disk.set({ type: 'used' }, total - stats.bfree * stats.bsize);
  }
}

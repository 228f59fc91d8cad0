import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { constants, PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { Histogram, Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics.constants';

const NAME = 'nodejs_gc_duration_seconds';

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

type Series = { observe(seconds: number): void };

/**
 * `nodejs_gc_duration_seconds`, counting every collection. prom-client's default metric (15.1.3)
 * records only the first entry of each observer callback, and Node hands the observer every
 * collection since the last callback at once: under load it missed about a third of them, and
 * of a burst of collections in one synchronous stretch all but one. This replaces it in the
 * registry with the same name, help, buckets and `kind` label. (prom-client's observer keeps
 * running, feeding its histogram outside the registry: it has no way to stop it.)
 */
@Injectable()
export class GcMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly byKind = new Map<number, Series>();
  private readonly observer = new PerformanceObserver((list) => this.record(list.getEntries()));
  private histogram!: Histogram<'kind'>;

  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  onModuleInit(): void {
    this.registry.removeSingleMetric(NAME);
    this.histogram = new Histogram({
      name: NAME,
      help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
      labelNames: ['kind'],
      buckets: [0.001, 0.01, 0.1, 1, 2, 5],
      registers: [this.registry],
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  onModuleDestroy(): void {
    this.observer.disconnect();
  }

  private record(entries: PerformanceEntry[]): void {
    for (const entry of entries) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind !== undefined) this.seriesOf(kind).observe(entry.duration / 1000);
    }
  }

  /** The kind's series, made when its first collection is seen (a kind appears with it). */
  private seriesOf(kind: number): Series {
    let series = this.byKind.get(kind);
    if (!series) {
      series = this.histogram.labels({ kind: KINDS[kind] ?? 'other' });
      this.byKind.set(kind, series);
    }
    return series;
  }
}

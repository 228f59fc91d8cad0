/**
 * Scrapes `/metrics` on a fixed clock, as Prometheus does, and keeps from each scrape how long it
 * took (client side), how big it was, and the figures a soak test watches: memory, event-loop lag
 * and the trading loop's progress. A scrape still running at the next tick makes that tick skip.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { parseSamples, Sample } from '../../scripts/lib/exposition';

export interface ScrapeSample {
  /** Milliseconds since the sampler started. */
  atMs: number;
  status: number;
  durationMs: number;
  bytes: number;
  /** Sample lines in the exposition (series, histogram buckets included). */
  series: number;
  residentBytes?: number;
  heapUsedBytes?: number;
  /** prom-client's event-loop delay p99 since the previous scrape (it resets on collect). */
  eventLoopLagP99Seconds?: number;
  /** trading_cycles_total{trigger="schedule"} by outcome. */
  scheduledCycles: Record<string, number>;
  heartbeatSeconds?: number;
  /** Why no answer came (status 0). */
  error?: string;
}

const single = (samples: readonly Sample[], name: string): number | undefined =>
  samples.find((sample) => sample.name === name)?.value;

function scheduledCycles(samples: readonly Sample[]): Record<string, number> {
  const byOutcome: Record<string, number> = {};
  for (const sample of samples) {
    if (sample.name === 'trading_cycles_total' && sample.labels.trigger === 'schedule') {
      byOutcome[sample.labels.outcome] = (byOutcome[sample.labels.outcome] ?? 0) + sample.value;
    }
  }
  return byOutcome;
}

export function readScrape(text: string): Omit<ScrapeSample, 'atMs' | 'status' | 'durationMs'> {
  const samples = parseSamples(text);
  const heartbeat = single(samples, 'trading_loop_heartbeat_timestamp_seconds');
  return {
    bytes: Buffer.byteLength(text),
    series: samples.length,
    residentBytes: single(samples, 'process_resident_memory_bytes'),
    heapUsedBytes: single(samples, 'nodejs_heap_size_used_bytes'),
    eventLoopLagP99Seconds: single(samples, 'nodejs_eventloop_lag_p99_seconds'),
    scheduledCycles: scheduledCycles(samples),
    // The gauge is 0 until the first cycle completes.
    heartbeatSeconds: heartbeat ? heartbeat : undefined,
  };
}

export class ScrapeSampler {
  readonly samples: ScrapeSample[] = [];
  /** Ticks that found the previous scrape still running. */
  skipped = 0;
  private stopped = false;
  private loop?: Promise<void>;
  private startedAt = 0;

  constructor(
    private readonly url: string,
    private readonly intervalMs = 1000,
    private readonly headers: Record<string, string> = {},
  ) {}

  start(): void {
    this.startedAt = performance.now();
    this.loop = this.run();
  }

  async stop(): Promise<ScrapeSample[]> {
    this.stopped = true;
    await this.loop;
    return this.samples;
  }

  /** One scrape now, timed from the request to the last byte. */
  async scrape(): Promise<ScrapeSample> {
    const atMs = performance.now() - this.startedAt;
    const begin = performance.now();
    const response = await fetch(this.url, {
      headers: this.headers,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const durationMs = performance.now() - begin;
    if (!response.ok) {
      return {
        atMs,
        status: response.status,
        durationMs,
        bytes: 0,
        series: 0,
        scheduledCycles: {},
      };
    }
    return { atMs, status: response.status, durationMs, ...readScrape(text) };
  }

  private async run(): Promise<void> {
    for (let tick = 0; !this.stopped; tick++) {
      const due = this.startedAt + tick * this.intervalMs;
      const wait = due - performance.now();
      if (wait < -this.intervalMs / 2) {
        this.skipped++;
        continue;
      }
      if (wait > 0) await delay(wait);
      if (this.stopped) break;
      try {
        this.samples.push(await this.scrape());
      } catch (error) {
        this.samples.push({
          atMs: performance.now() - this.startedAt,
          status: 0,
          durationMs: NaN,
          bytes: 0,
          series: 0,
          scheduledCycles: {},
          error: String(error),
        });
      }
    }
  }
}

export interface WindowedScrapeCost {
  /** Client-side wall time of each scrape. */
  durationsMs: number[];
  /** Server CPU per scrape, counted only while each scrape ran. */
  serverCpuMsPerScrape: number;
  last: ScrapeSample;
}

/**
 * `rounds` × (`prepare()`, then one scrape), counting the server's CPU only during the scrapes —
 * e.g. the first scrape after an order fill, which the steady back-to-back figure never shows.
 * `cpuSeconds` reads the server's CPU time so far (clock ticks from /proc: each window is coarse,
 * their sum is not).
 */
export async function windowedScrapeCost(
  sampler: ScrapeSampler,
  cpuSeconds: () => number,
  rounds: number,
  prepare: (round: number) => Promise<void>,
): Promise<WindowedScrapeCost> {
  const durationsMs: number[] = [];
  let serverSeconds = 0;
  let last: ScrapeSample | undefined;
  for (let round = 0; round < rounds; round++) {
    await prepare(round);
    const before = cpuSeconds();
    last = await sampler.scrape();
    serverSeconds += cpuSeconds() - before;
    if (last.status !== 200) throw new Error(`a scrape answered ${last.status}`);
    durationsMs.push(last.durationMs);
  }
  if (!last) throw new Error('no scrape');
  return { durationsMs, serverCpuMsPerScrape: (serverSeconds * 1000) / rounds, last };
}

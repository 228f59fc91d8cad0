// The parts of autocannon 9's programmatic API the benchmarks use (it ships no type declarations).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      headers?: Record<string, string>;
      /** Seconds. */
      duration?: number;
      /** Exactly this many requests, then stop (instead of a duration). */
      amount?: number;
      connections?: number;
      pipelining?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
    }

    interface Percentiles {
      average: number;
      min: number;
      max: number;
      p50: number;
      p99: number;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds. */
      latency: Percentiles;
      requests: Percentiles & { total: number; sent: number };
    }

    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}

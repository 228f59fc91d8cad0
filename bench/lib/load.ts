import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  seconds: number;
  connections: number;
}

const running = new Set<autocannon.Instance>();

/** Runs autocannon in this process (so on this process's core) for `spec.seconds`. */
export function runLoad(spec: LoadSpec): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    let instance: autocannon.Instance | undefined = undefined;
    instance = autocannon(
      {
        url: spec.url,
        headers: spec.headers,
        duration: spec.seconds,
        connections: spec.connections,
        pipelining: 1,
      },
      (error, result) => {
        if (instance) running.delete(instance);
        if (error) reject(error);
        else resolve(result);
      },
    );
    running.add(instance);
  });
}

/** Ends every running load early (on Ctrl-C). */
export function stopAllLoads(): void {
  for (const instance of running) instance.stop();
}

/** Throws unless every request got a 2xx answer: a benchmark of errors measures nothing. */
export function assertAllSucceeded(result: autocannon.Result, what: string): void {
  const failures = {
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
  };
  if (result['2xx'] > 0 && Object.values(failures).every((count) => count === 0)) return;
  const statuses = Object.entries(result.statusCodeStats)
    .map(([status, { count }]) => `${status}: ${count}`)
    .join(', ');
  throw new Error(
    `${what}: ${result['2xx']} requests answered 2xx, but ${JSON.stringify(failures)} ` +
      `(status codes ${statuses || 'none'})`,
  );
}

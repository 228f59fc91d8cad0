import type { Pool, PoolClient } from 'pg';

/** What one query did: its SQL, how long the server took, and the error when it failed. */
export type QueryListener = (sql: string, seconds: number, error?: unknown) => void;

const TIMED = Symbol('tradewatch.timedQueries');

type TimedClient = PoolClient & { [TIMED]?: true };
type QueryFunction = (...args: unknown[]) => unknown;

/**
 * Times every promise-returning query on the clients the pool hands out, by wrapping each
 * client's `query` once when the pool first gives it away. Timing at the driver rather than in a
 * TypeORM subscriber costs one closure per query instead of TypeORM's subscriber dispatch, sees
 * every query whoever sends it, and still excludes the wait for a pooled connection.
 */
export function timeQueries(pool: Pool, listener: QueryListener): void {
  pool.on('acquire', (client: TimedClient) => {
    if (client[TIMED]) return;
    client[TIMED] = true;
    const query = client.query as unknown as QueryFunction;
    (client as unknown as { query: QueryFunction }).query = function timedQuery(...args) {
      const sql = sqlOf(args);
      if (sql === undefined) return query.apply(this, args);
      const startedAt = performance.now();
      return (query.apply(this, args) as Promise<unknown>).then(
        (result) => {
          listener(sql, (performance.now() - startedAt) / 1000);
          return result;
        },
        (error: unknown) => {
          listener(sql, (performance.now() - startedAt) / 1000, error);
          throw error;
        },
      );
    };
  });
}

/** The SQL of a call that returns a promise; undefined for callbacks and streams (submittables). */
function sqlOf(args: unknown[]): string | undefined {
  if (args.some((arg) => typeof arg === 'function')) return undefined;
  const [first] = args;
  if (typeof first === 'string') return first;
  const config = first as { text?: unknown; submit?: unknown } | null;
  if (typeof config !== 'object' || config === null || typeof config.submit === 'function')
    return undefined;
  return typeof config.text === 'string' ? config.text : undefined;
}

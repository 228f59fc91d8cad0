import type { Pool, PoolClient } from 'pg';

/** What one query did: its SQL, how long the server took, and the error when it failed. */
export type QueryListener = (sql: string, seconds: number, error?: unknown) => void;

const TIMED = Symbol('tradewatch.timedQueries');

type TimedClient = PoolClient & { [TIMED]?: true };
type QueryFunction = (this: PoolClient, ...args: unknown[]) => unknown;
type Callback = (error: Error | null, result?: unknown) => void;

/**
 * Times every promise-returning query on the clients the pool hands out, by wrapping each
 * client's `query` once when the pool first gives it away. Timing at the driver rather than in a
 * TypeORM subscriber sees every query whoever sends it and still excludes the wait for a pooled
 * connection. The wrapper asks pg for its callback form and makes the one promise itself: pg's
 * promise form makes two (and a `.then` on it a third), which showed in profiles as microtasks
 * and garbage. What that gives up: pg re-takes a failed query's stack in its second promise so
 * that it leads back to the caller; here the driver's error keeps the socket read's stack. Every
 * query of ours goes through TypeORM, whose QueryFailedError (stack taken in its async `query`)
 * still leads back to the caller.
 */
export function timeQueries(pool: Pool, listener: QueryListener): void {
  pool.on('acquire', (client: TimedClient) => {
    if (client[TIMED]) return;
    client[TIMED] = true;
    const query = client.query as unknown as QueryFunction;
    (client as unknown as { query: QueryFunction }).query = function timedQuery(config, values) {
      // `arguments`, not a rest parameter: no array per query.
      const sql = arguments.length <= 2 ? promiseQuerySql(config, values) : undefined;
      // eslint-disable-next-line prefer-rest-params
      if (sql === undefined) return query.apply(this, arguments as unknown as unknown[]);
      return new Promise((resolve, reject) => {
        const startedAt = performance.now();
        const done: Callback = (error, result) => {
          const seconds = (performance.now() - startedAt) / 1000;
          if (error) {
            listener(sql, seconds, error);
            reject(error);
          } else {
            listener(sql, seconds);
            resolve(result);
          }
        };
        if (values === undefined) query.call(this, config, done);
        else query.call(this, config, values, done);
      });
    };
  });
}

/**
 * The SQL of a call pg would answer with a promise — `query(text | config[, values])` without a
 * callback; undefined for callbacks and streams (submittables), which pass through untimed.
 */
function promiseQuerySql(config: unknown, values: unknown): string | undefined {
  if (typeof values === 'function') return undefined;
  if (typeof config === 'string') return config;
  const object = config as { text?: unknown; submit?: unknown; callback?: unknown } | null;
  if (typeof object !== 'object' || object === null) return undefined;
  if (typeof object.submit === 'function' || typeof object.callback === 'function')
    return undefined;
  return typeof object.text === 'string' ? object.text : undefined;
}

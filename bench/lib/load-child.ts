/**
 * A load generator in a child process (so that its CPU is not the measured process's): on each
 * message `{ url, amount, connections }` it sends exactly `amount` GET requests with autocannon
 * and answers with the count of 2xx answers.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  amount: number;
  connections: number;
}

export interface LoadAnswer {
  ok: number;
  failed: number;
}

process.on('message', (request: LoadRequest) => {
  autocannon(
    { url: request.url, amount: request.amount, connections: request.connections, pipelining: 1 },
    (error, result) => {
      if (error) throw error;
      const failed = result.non2xx + result.errors + result.timeouts;
      process.send!({ ok: result['2xx'], failed } satisfies LoadAnswer);
    },
  );
});

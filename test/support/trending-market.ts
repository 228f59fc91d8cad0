import { IncomingMessage, ServerResponse } from 'node:http';

const MINUTE = 60_000;

/** Sentiment scores per source when the sources agree, and for a symbol they disagree on. */
const AGREEING: Record<string, number> = { twitter: 0.3, reddit: 0.2, news: 0.35 };
const DIVERGING: Record<string, number> = { twitter: 0.9, reddit: 0.1, news: -0.6 };

/**
 * What an HTTP data vendor serves (mount `serve` as a FakeVendor handler):
 * - `GET …/bars/{symbol}?limit=n`: one-minute bars whose closes rise steadily, so every strategy
 *   that reads bars leans long; symbols in `stale` get bars that ended 10 minutes ago;
 * - `GET …/quotes/{symbol}`: the last close as a quote;
 * - `GET …/sentiment/{symbol}?source=…`: a score per source, the sources agreeing except on the
 *   symbols in `divergent`;
 * - `GET …/options-flow/{symbol}`: call and put premiums, unusual (call-heavy) on the symbols in
 *   `unusual`.
 * `level` scales every price (0.9 = a 10 % drop at once). Requests whose path matches
 * `rateLimit` are answered 429 with `Retry-After: 0`.
 */
export class TrendingMarket {
  level = 1;
  readonly stale = new Set<string>();
  readonly divergent = new Set<string>();
  readonly unusual = new Set<string>();
  rateLimit?: RegExp;

  serve = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://vendor');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    if (this.rateLimit?.test(url.pathname)) {
      json(429, { error: 'slow down' }, { 'retry-after': '0' });
      return;
    }
    const symbol = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
    if (url.pathname.includes('/sentiment/')) {
      const scores = this.divergent.has(symbol) ? DIVERGING : AGREEING;
      json(200, { score: scores[url.searchParams.get('source') ?? ''] ?? 0, mentions: 120 });
      return;
    }
    if (url.pathname.includes('/options-flow/')) {
      const unusual = this.unusual.has(symbol);
      json(200, {
        callPremium: unusual ? 2_500_000 : 800_000,
        putPremium: unusual ? 400_000 : 700_000,
        unusual,
        time: new Date().toISOString(),
      });
      return;
    }
    const lag = this.stale.has(symbol) ? 10 * MINUTE : 0;
    const now = Math.floor((Date.now() - lag) / MINUTE) * MINUTE;
    const close = (i: number) => (100 + i * 0.5) * this.level;
    if (url.pathname.includes('/bars/')) {
      const limit = Number(url.searchParams.get('limit'));
      json(200, {
        bars: Array.from({ length: limit }, (_, k) => {
          const i = k - limit;
          return {
            time: new Date(now + i * MINUTE).toISOString(),
            open: close(i - 1),
            high: close(i) + 0.1,
            low: close(i - 1) - 0.1,
            close: close(i),
            volume: 50_000,
          };
        }),
      });
      return;
    }
    const last = close(-1);
    json(200, { bid: last - 0.01, ask: last + 0.01, last, time: new Date().toISOString() });
  };
}

import { DataSource } from 'typeorm';
import { parseSamples, value } from './support/prometheus-text';
import { createTestApp, TestApp } from './support/test-app';

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the trading brain: market data, sentiment, options flow, strategies, decisions', () => {
  let t: TestApp;
  let db: DataSource;
  const rows = async (table: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp({ env: { PROVIDER_CACHE_TTL_MS: '60000' } });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  describe('market data', () => {
    it('quotes a watchlist symbol, serving the second call from the cache', async () => {
      const before = await t.scrape();
      const first = await t.get('/api/market/quote/aapl');
      expect(first.status).toBe(200);
      const quote = (await first.json()) as {
        symbol: string;
        bid: number;
        ask: number;
        last: number;
      };
      expect(quote.symbol).toBe('AAPL');
      expect(quote.bid).toBeLessThan(quote.ask);
      expect(quote.bid).toBeGreaterThan(0);
      expect((await t.get('/api/market/quote/AAPL')).status).toBe(200);
      const after = await t.scrape();
      const provider = { provider: 'market_simulated' };
      const delta = (name: string, labels: Record<string, string>) =>
        value(after, name, labels) - value(before, name, labels);
      expect(delta('provider_api_calls_total', { ...provider, endpoint: 'quote' })).toBe(1);
      expect(delta('provider_cache_requests_total', { ...provider, result: 'miss' })).toBe(1);
      expect(delta('provider_cache_requests_total', { ...provider, result: 'hit' })).toBe(1);
      expect(value(after, 'provider_available', provider)).toBe(1);
    });

    it('returns N one-minute bars, oldest first, and bounds the limit', async () => {
      const bars = (await (await t.get('/api/market/bars/MSFT?limit=30')).json()) as Array<{
        time: string;
      }>;
      expect(bars).toHaveLength(30);
      const times = bars.map((bar) => Date.parse(bar.time));
      expect(times.slice(1).every((time, index) => time - times[index] === 60_000)).toBe(true);
      const tooMany = await t.get('/api/market/bars/MSFT?limit=5000');
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { message: string[] }).message).toContain(
        'limit must be between 1 and 1000',
      );
    });

    it('answers 404 for a symbol off the watchlist, 400 for a malformed one, and never labels a metric with them', async () => {
      const unknown = await t.get('/api/market/quote/ZZZZ');
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { message: string }).message).toMatch(
        /not on the watchlist \(AAPL, MSFT/,
      );
      expect((await t.get('/api/sentiment/ZZZZ')).status).toBe(404);
      expect((await t.get('/api/options-flow/QQQQ')).status).toBe(404);
      expect((await t.get('/api/market/quote/%24%7Bjndi%7D')).status).toBe(400);
      const text = await t.scrape();
      expect(text).not.toMatch(/ZZZZ|QQQQ|jndi/);
    });
  });

  describe('sentiment and options flow', () => {
    it('aggregates the weighted sources and records the sentiment metrics', async () => {
      const before = await t.scrape();
      const response = await t.get('/api/sentiment/NVDA');
      expect(response.status).toBe(200);
      const sentiment = (await response.json()) as {
        score: number;
        spread: number;
        divergence: boolean;
        sources: Array<{ source: string; score: number; weight: number }>;
      };
      expect(sentiment.sources.map((s) => s.source).sort()).toEqual(['news', 'reddit', 'twitter']);
      expect(sentiment.sources.reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(1, 10);
      expect(sentiment.score).toBeCloseTo(
        sentiment.sources.reduce((sum, s) => sum + s.score * s.weight, 0),
        10,
      );
      expect(sentiment.divergence).toBe(sentiment.spread > 0.5);
      const after = await t.scrape();
      const symbol = { symbol: 'NVDA' };
      expect(
        value(after, 'sentiment_calculations_total', symbol) -
          value(before, 'sentiment_calculations_total', symbol),
      ).toBe(1);
      expect(
        value(after, 'sentiment_aggregated_score_count', symbol) -
          value(before, 'sentiment_aggregated_score_count', symbol),
      ).toBe(1);
      expect(value(after, 'sentiment_provider_weight', { provider: 'news' })).toBeCloseTo(0.4, 10);
    });

    it('reports options flow with a consistent put/call ratio', async () => {
      const flow = (await (await t.get('/api/options-flow/SPY')).json()) as {
        callPremium: number;
        putPremium: number;
        putCallRatio: number;
      };
      expect(flow.callPremium).toBeGreaterThan(0);
      expect(flow.putCallRatio).toBeCloseTo(flow.putPremium / flow.callPremium, 10);
    });
  });

  describe('strategies and signals', () => {
    it('lists the five built-in strategies, enabled, with their parameters', async () => {
      const strategies = (await (await t.get('/api/strategies')).json()) as Array<{
        name: string;
        enabled: boolean;
      }>;
      expect(strategies.map((s) => s.name).sort()).toEqual([
        'breakout',
        'options-flow',
        'rsi-mean-reversion',
        'sentiment-momentum',
        'sma-crossover',
      ]);
      expect(strategies.every((s) => s.enabled)).toBe(true);
    });

    it('evaluates a strategy into a stored signal and counts it', async () => {
      const before = await t.scrape();
      const rowsBefore = await rows('signals');
      const response = await t.get(
        '/api/strategies/sma-crossover/evaluate',
        json({ symbol: 'AAPL' }),
      );
      expect(response.status).toBe(200);
      const signal = (await response.json()) as {
        id: string;
        direction: string;
        confidence: number;
        strategy: string;
      };
      expect(['long', 'short', 'flat']).toContain(signal.direction);
      expect(signal.confidence).toBeGreaterThanOrEqual(0);
      expect(await rows('signals')).toBe(rowsBefore + 1);
      const after = await t.scrape();
      const labels = { strategy: 'sma-crossover', signal_type: signal.direction };
      expect(
        value(after, 'signals_generated_total', labels) -
          value(before, 'signals_generated_total', labels),
      ).toBe(1);
      const evaluated = { strategy: 'sma-crossover', outcome: 'success' };
      expect(
        value(after, 'strategy_evaluation_duration_seconds_count', evaluated) -
          value(before, 'strategy_evaluation_duration_seconds_count', evaluated),
      ).toBe(1);
      expect(
        value(after, 'strategy_signals_per_hour', { strategy: 'sma-crossover' }),
      ).toBeGreaterThanOrEqual(1);
      const listed = (await (
        await t.get('/api/signals?strategy=sma-crossover&limit=1')
      ).json()) as Array<{ id: string }>;
      expect(listed[0].id).toBe(signal.id);
    });

    it('answers 404 for an unknown strategy or symbol and writes nothing', async () => {
      const rowsBefore = await rows('signals');
      const unknownStrategy = await t.get(
        '/api/strategies/moon-phase/evaluate',
        json({ symbol: 'AAPL' }),
      );
      expect(unknownStrategy.status).toBe(404);
      expect(((await unknownStrategy.json()) as { message: string }).message).toMatch(
        /unknown strategy "moon-phase"/,
      );
      expect(
        (await t.get('/api/strategies/breakout/evaluate', json({ symbol: 'ZZZZ' }))).status,
      ).toBe(404);
      expect(
        (await t.get('/api/strategies/breakout/evaluate', json({ symbol: 'AAPL', extra: 1 })))
          .status,
      ).toBe(400);
      expect((await t.get('/api/signals?strategy=moon-phase')).status).toBe(404);
      expect(await rows('signals')).toBe(rowsBefore);
      expect(await t.scrape()).not.toMatch(/moon-phase/);
    });

    it('changes parameters and the enabled state at run time, validating them', async () => {
      const bad = await t.get(
        '/api/strategies/sma-crossover',
        json({ parameters: { fastPeriod: 0 } }, 'PATCH'),
      );
      expect(bad.status).toBe(400);
      const unknownParameter = await t.get(
        '/api/strategies/sma-crossover',
        json({ parameters: { bogus: 1 } }, 'PATCH'),
      );
      expect(unknownParameter.status).toBe(400);
      const changed = await t.get(
        '/api/strategies/rsi-mean-reversion',
        json({ parameters: { period: 10 }, enabled: false }, 'PATCH'),
      );
      expect(changed.status).toBe(200);
      expect(await changed.json()).toMatchObject({
        enabled: false,
        parameters: { period: 10, oversold: 30 },
      });
      const stored = await db.query(
        "SELECT enabled, parameters FROM strategy_settings WHERE name = 'rsi-mean-reversion'",
      );
      expect(stored[0]).toMatchObject({ enabled: false, parameters: { period: 10 } });
      expect(value(await t.scrape(), 'strategy_enabled', { strategy: 'rsi-mean-reversion' })).toBe(
        0,
      );
      const list = (await (await t.get('/api/strategies')).json()) as Array<{
        name: string;
        parameters: { fastPeriod?: number };
      }>;
      expect(list.find((s) => s.name === 'sma-crossover')!.parameters.fastPeriod).toBe(10);
    });
  });

  describe('decisions', () => {
    it('evaluates every enabled strategy on a symbol and journals the decision with its inputs', async () => {
      const before = await t.scrape();
      const enabled = (
        (await (await t.get('/api/strategies')).json()) as Array<{ enabled: boolean }>
      ).filter((s) => s.enabled).length;
      const response = await t.get('/api/decisions/evaluate', json({ symbol: 'TSLA' }));
      expect(response.status).toBe(200);
      const evaluation = (await response.json()) as {
        decision: {
          id: string;
          action: string;
          inputs: Array<{ signalId: string }>;
          reason: string;
        };
        signals: Array<{ id: string }>;
      };
      expect(evaluation.signals).toHaveLength(enabled);
      expect(evaluation.decision.inputs.map((i) => i.signalId).sort()).toEqual(
        evaluation.signals.map((s) => s.id).sort(),
      );
      expect(evaluation.decision.reason).toMatch(/^(buy|sell|hold): net /);
      const listed = (await (await t.get('/api/decisions?symbol=TSLA')).json()) as Array<{
        id: string;
      }>;
      expect(listed.map((d) => d.id)).toContain(evaluation.decision.id);
      const after = await t.scrape();
      const action = { action: evaluation.decision.action };
      expect(
        value(after, 'trading_decisions_total', action) -
          value(before, 'trading_decisions_total', action),
      ).toBe(1);
      expect(
        value(after, 'trading_decision_duration_seconds_count') -
          value(before, 'trading_decision_duration_seconds_count'),
      ).toBe(1);
    });

    it('validates journal filters', async () => {
      expect((await t.get('/api/decisions?action=panic')).status).toBe(400);
      expect((await t.get('/api/decisions?limit=100000')).status).toBe(400);
      expect((await t.get('/api/decisions?since=yesterday')).status).toBe(400);
    });
  });

  it('keeps every strategy and symbol label within the configured sets', async () => {
    const samples = parseSamples(await t.scrape());
    const symbols = new Set(samples.map((s) => s.labels.symbol).filter(Boolean));
    const strategies = new Set(samples.map((s) => s.labels.strategy).filter(Boolean));
    expect(
      [...symbols].every((symbol) => ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'].includes(symbol)),
    ).toBe(true);
    expect(strategies.size).toBeLessThanOrEqual(5);
  });
});

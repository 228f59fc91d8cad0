import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

describe('MARKET_DATA_PROVIDER=replay with the shipped sample', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { MARKET_DATA_PROVIDER: 'replay', REPLAY_DIR: 'data/replay' } });
  });
  afterAll(() => t.close());

  it('serves the recorded bars and runs strategies on them', async () => {
    const csv = readFileSync(join(__dirname, '..', 'data', 'replay', 'SPY.csv'), 'utf8')
      .trim()
      .split('\n');
    const bars = (await (await t.get('/api/market/bars/SPY?limit=2')).json()) as Array<{
      time: string;
      close: number;
    }>;
    const [time, , , , close] = csv[200].split(',');
    expect(bars.at(-1)).toMatchObject({ time: new Date(time).toISOString(), close: Number(close) });
    const evaluation = await t.get('/api/strategies/breakout/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'SPY' }),
    });
    expect(evaluation.status).toBe(200);
    const metrics = await t.scrape();
    expect(metrics).toMatch(
      /provider_api_calls_total\{provider="market_replay",endpoint="bars"\} \d+/,
    );
  });
});

import { ManualClock } from '../../common/clock/clock';
import type { BrokerOrder } from '../broker.port';
import { MarketSnapshot, PaperBroker } from './paper-broker';

const order = (overrides: Partial<BrokerOrder> = {}): BrokerOrder => ({
  orderId: '1',
  clientOrderId: 'c1',
  symbol: 'AAPL',
  side: 'buy',
  type: 'market',
  quantity: '100',
  limitPrice: null,
  ...overrides,
});

function broker(snapshot: MarketSnapshot) {
  const delays: number[] = [];
  const market = { current: snapshot };
  const paper = new PaperBroker(
    async () => market.current,
    new ManualClock(new Date('2026-03-02T15:00:00Z')),
    {
      seed: 1,
      slippage: { model: 'fixed_bps', bps: 10, impact: 0.1 },
      fees: { perShare: 0.005, minimum: 1, maximumRate: 0.01 },
      maxVolumeShare: 0.025,
      latencyMs: { min: 2, max: 10 },
    },
    async (ms) => {
      delays.push(ms);
    },
  );
  return { paper, market, delays };
}

describe('PaperBroker', () => {
  it('accepts and fills a market buy at the ask plus slippage, with the fee', async () => {
    const { paper, delays } = broker({ bid: 99.9, ask: 100, barVolume: 100_000 });
    const reports = await paper.submit(order());
    expect(reports.map((r) => r.kind)).toEqual(['accepted', 'fill']);
    expect(reports[1]).toMatchObject({
      quantity: '100',
      price: '100.1',
      fee: '1',
      brokerFillId: 'paper-1-1',
    });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(2);
    expect(delays[0]).toBeLessThanOrEqual(10);
  });

  it('fills a large order partially, a share of the bar volume per pass, and finishes on later polls', async () => {
    const { paper } = broker({ bid: 99.9, ask: 100, barVolume: 2_000 });
    const first = await paper.submit(order({ quantity: '120' }));
    expect(first[1]).toMatchObject({ kind: 'fill', quantity: '50' });
    expect((await paper.poll())[0]).toMatchObject({ quantity: '50', brokerFillId: 'paper-1-2' });
    expect((await paper.poll())[0]).toMatchObject({ quantity: '20', brokerFillId: 'paper-1-3' });
    expect(await paper.poll()).toEqual([]);
  });

  it('rests a limit order until the market crosses it, never filling worse than the limit', async () => {
    const { paper, market } = broker({ bid: 99.9, ask: 100, barVolume: 100_000 });
    expect(
      (await paper.submit(order({ type: 'limit', limitPrice: '99.5' }))).map((r) => r.kind),
    ).toEqual(['accepted']);
    expect(await paper.poll()).toEqual([]);
    market.current = { bid: 99.4, ask: 99.45, barVolume: 100_000 };
    expect((await paper.poll())[0]).toMatchObject({ kind: 'fill', price: '99.5' });
  });

  it('cancels a working order once, and nothing after', async () => {
    const { paper } = broker({ bid: 99.9, ask: 100, barVolume: 100_000 });
    await paper.submit(order({ type: 'limit', limitPrice: '50' }));
    expect((await paper.cancel(order()))[0]).toMatchObject({ kind: 'canceled' });
    expect(await paper.cancel(order())).toEqual([]);
  });

  it('is deterministic under its seed', async () => {
    const a = broker({ bid: 1, ask: 1, barVolume: 1000 });
    const b = broker({ bid: 1, ask: 1, barVolume: 1000 });
    for (let i = 0; i < 5; i++) {
      await a.paper.submit(order({ orderId: String(i) }));
      await b.paper.submit(order({ orderId: String(i) }));
    }
    expect(a.delays).toEqual(b.delays);
  });
});

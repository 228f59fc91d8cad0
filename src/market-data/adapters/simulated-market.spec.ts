import { ManualClock } from '../../common/clock/clock';
import { SimulatedMarket } from './simulated-market';

const START = new Date('2026-03-02T15:30:20Z');

describe('SimulatedMarket', () => {
  it('is deterministic for a seed and start time, and differs across seeds', async () => {
    const a = await new SimulatedMarket(new ManualClock(START), { seed: 7 }).bars('AAPL', 300);
    const b = await new SimulatedMarket(new ManualClock(START), { seed: 7 }).bars('AAPL', 300);
    const c = await new SimulatedMarket(new ManualClock(START), { seed: 8 }).bars('AAPL', 300);
    expect(b).toEqual(a);
    expect(c.map((bar) => bar.close)).not.toEqual(a.map((bar) => bar.close));
  });

  it('produces consistent 1-minute bars ending at the last completed minute', async () => {
    const bars = await new SimulatedMarket(new ManualClock(START), {
      seed: 1,
      historyMinutes: 500,
    }).bars('MSFT', 500);
    expect(bars).toHaveLength(500);
    expect(bars.at(-1)!.time.toISOString()).toBe('2026-03-02T15:29:00.000Z');
    bars.forEach((bar, index) => {
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.low).toBeGreaterThan(0);
      expect(bar.volume).toBeGreaterThan(0);
      if (index > 0) {
        expect(bar.time.getTime() - bars[index - 1].time.getTime()).toBe(60_000);
        expect(bar.open).toBe(bars[index - 1].close);
      }
    });
  });

  it('advances one bar per minute of the clock and quotes around the last close', async () => {
    const clock = new ManualClock(START);
    const market = new SimulatedMarket(clock, { seed: 3, halfSpreadBps: 5 });
    const before = await market.bars('NVDA', 1000);
    clock.advance(3 * 60_000);
    const after = await market.bars('NVDA', 1000);
    expect(after.at(-1)!.time.getTime() - before.at(-1)!.time.getTime()).toBe(3 * 60_000);
    expect(after.slice(0, -3).slice(-997)).toEqual(before.slice(-997));
    const quote = await market.quote('NVDA');
    expect(quote.last).toBe(after.at(-1)!.close);
    expect(quote.ask / quote.last - 1).toBeCloseTo(0.0005, 10);
    expect(1 - quote.bid / quote.last).toBeCloseTo(0.0005, 10);
  });
});

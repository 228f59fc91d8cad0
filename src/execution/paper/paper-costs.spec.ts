import Decimal from 'decimal.js';
import { commission, slippedPrice } from './paper-costs';

const settings = { model: 'none' as const, bps: 10, impact: 0.1 };

describe('paper broker costs', () => {
  it('applies no slippage, fixed basis points or the volume-share impact, always against the trader', () => {
    const touch = new Decimal('100');
    expect(slippedPrice(touch, 'buy', new Decimal(10), 1000, settings).toString()).toBe('100');
    expect(
      slippedPrice(touch, 'buy', new Decimal(10), 1000, {
        ...settings,
        model: 'fixed_bps',
      }).toString(),
    ).toBe('100.1');
    expect(
      slippedPrice(touch, 'sell', new Decimal(10), 1000, {
        ...settings,
        model: 'fixed_bps',
      }).toString(),
    ).toBe('99.9');
    // share 100/1000 = 0.1 → impact 0.1 × 0.01 = 0.001 → 100.1
    expect(
      slippedPrice(touch, 'buy', new Decimal(100), 1000, {
        ...settings,
        model: 'volume_share',
      }).toString(),
    ).toBe('100.1');
    expect(
      slippedPrice(touch, 'sell', new Decimal(100), 1000, {
        ...settings,
        model: 'volume_share',
      }).toString(),
    ).toBe('99.9');
  });

  it('charges per share within the minimum and the cap', () => {
    const fees = { perShare: 0.005, minimum: 1, maximumRate: 0.01 };
    expect(commission(new Decimal(100), new Decimal(50), fees).toString()).toBe('1');
    expect(commission(new Decimal(1000), new Decimal(50), fees).toString()).toBe('5');
    expect(commission(new Decimal(10), new Decimal(1), fees).toString()).toBe('0.1');
  });
});

import { expectedRealizedPnl } from './realized-pnl';

describe('expectedRealizedPnl', () => {
  it('is (exit − entry) × quantity − fees for a long', () => {
    // (101.35 − 100.10) × 10 − 1.25 = 12.5 − 1.25
    const trade = {
      side: 'long',
      quantity: '10',
      entryPrice: '100.10',
      exitPrice: '101.35',
      fees: '1.25',
    } as const;
    expect(expectedRealizedPnl(trade)).toBe('11.25');
  });

  it('is (entry − exit) × quantity − fees for a short', () => {
    // (50.5 − 49.2) × 3 − 0.3 = 3.9 − 0.3
    const trade = {
      side: 'short',
      quantity: '3',
      entryPrice: '50.5',
      exitPrice: '49.2',
      fees: '0.3',
    } as const;
    expect(expectedRealizedPnl(trade)).toBe('3.6');
  });

  it('is exact where floats are not: (0.3 − 0.1) × 3 = 0.6', () => {
    const trade = {
      side: 'long',
      quantity: '3',
      entryPrice: '0.1',
      exitPrice: '0.3',
      fees: '0',
    } as const;
    expect(expectedRealizedPnl(trade)).toBe('0.6');
  });

  it('rejects a field that is not a decimal string', () => {
    const trade = {
      side: 'long',
      quantity: 'ten',
      entryPrice: '1',
      exitPrice: '2',
      fees: '0',
    } as const;
    expect(() => expectedRealizedPnl(trade)).toThrow('quantity is not a decimal string');
  });
});

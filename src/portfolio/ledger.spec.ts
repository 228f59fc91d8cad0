import Decimal from 'decimal.js';
import { applyFillToPosition } from './ledger';

const d = (value: string | number) => new Decimal(value);
const flat = { quantity: d(0), averageCost: d(0) };

describe('applyFillToPosition', () => {
  it('folds buy fees into the average cost', () => {
    const first = applyFillToPosition(flat, 'buy', d(10), d('100.10'), d(1));
    expect(first.position.quantity.toString()).toBe('10');
    expect(first.position.averageCost.toString()).toBe('100.2');
    expect(first.cashForShares.toString()).toBe('-1001');
    const second = applyFillToPosition(first.position, 'buy', d(30), d('99.90'), d(1));
    // (10 × 100.2 + 30 × 99.9 + 1) / 40 = (1002 + 2997 + 1) / 40 = 100
    expect(second.position.averageCost.toString()).toBe('100');
  });

  it('realizes (price − average cost) × quantity − fee on a sell, exactly', () => {
    const position = { quantity: d(40), averageCost: d(100) };
    const sell = applyFillToPosition(position, 'sell', d(15), d('100.3'), d(1));
    expect(sell.realizedPnl.toString()).toBe('3.5');
    expect(sell.cashForShares.toString()).toBe('1504.5');
    expect(sell.position).toEqual({ quantity: d(25), averageCost: d(100) });
    const rest = applyFillToPosition(
      sell.position,
      'sell',
      d(25),
      d('0.1').plus('0.2').plus(99.7),
      d(1),
    );
    expect(rest.realizedPnl.toString()).toBe('-1');
    expect(rest.position.quantity.isZero()).toBe(true);
  });

  it('refuses to sell more than the position', () => {
    expect(() =>
      applyFillToPosition({ quantity: d(5), averageCost: d(1) }, 'sell', d(6), d(1), d(0)),
    ).toThrow('no short selling');
  });
});

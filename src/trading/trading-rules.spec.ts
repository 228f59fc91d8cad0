import Decimal from 'decimal.js';
import { exitFor } from './exit-rules';
import { confidenceBand, sharesFor } from './position-sizing';

const d = (value: number) => new Decimal(value);
const rules = { stopLossPct: 0.05, takeProfitPct: 0.1, trailingStopPct: 0.07 };

describe('exit rules', () => {
  it('stops the loss at 5 % under cost and takes profit at 10 % over it', () => {
    expect(exitFor(d(100), d(100), d(95), rules)).toBe('stop_loss');
    expect(exitFor(d(100), d(100), d(95.01), rules)).toBeUndefined();
    expect(exitFor(d(100), d(110), d(110), rules)).toBe('take_profit');
  });

  it('trails 7 % under the highest price once in profit', () => {
    expect(exitFor(d(100), d(108), d(100.44), rules)).toBe('trailing_stop');
    expect(exitFor(d(100), d(108), d(100.45), rules)).toBeUndefined();
    expect(exitFor(d(100), d(100), d(96), rules)).toBeUndefined();
  });
});

describe('position sizing by confidence', () => {
  it('scales 10 % of equity by confidence and rounds down to whole shares', () => {
    expect(sharesFor(d(100_000), 1, d(190), 0.1)).toBe(52);
    expect(sharesFor(d(100_000), 0.5, d(190), 0.1)).toBe(26);
    expect(sharesFor(d(100_000), 0.01, d(190), 0.1)).toBe(0);
    expect(sharesFor(d(100_000), 1.7, d(1000), 0.1)).toBe(10);
  });

  it('bands confidence into five closed label values', () => {
    expect([0, 0.19, 0.2, 0.55, 0.99, 1].map(confidenceBand)).toEqual([
      '0.0-0.2',
      '0.0-0.2',
      '0.2-0.4',
      '0.4-0.6',
      '0.8-1.0',
      '0.8-1.0',
    ]);
  });
});

import { parseDecimal, sumDecimals, toMoneyString } from './exact-decimal';

describe('parseDecimal', () => {
  it.each([
    ['12', '12'],
    ['-0.5', '-0.5'],
    ['+3.25', '3.25'],
    ['.25', '0.25'],
    ['7.', '7'],
    ['123456789012345.678901', '123456789012345.678901'],
  ])('accepts the plain decimal %p exactly', (value, expected) => {
    expect(parseDecimal(value, 'x').toFixed()).toBe(expected);
  });

  it.each(['', ' 1', 'abc', '0x10', '1e5', 'Infinity', 'NaN', '1,5', '--1'])(
    'rejects %p with a RangeError naming the field',
    (value) => {
      expect(() => parseDecimal(value, 'trades[2].realizedPnl')).toThrow(
        new RangeError(`trades[2].realizedPnl is not a decimal string: ${JSON.stringify(value)}`),
      );
    },
  );
});

describe('sumDecimals', () => {
  it('adds 0.1 + 0.2 to exactly 0.3 (a float sum gives 0.30000000000000004)', () => {
    expect(sumDecimals([parseDecimal('0.1', 'a'), parseDecimal('0.2', 'b')]).toFixed()).toBe('0.3');
  });

  it('is 0 for no values', () => {
    expect(sumDecimals([]).toFixed()).toBe('0');
  });
});

describe('toMoneyString', () => {
  it.each([
    ['1.005', '1.01'],
    ['-1.005', '-1.01'],
    ['2.004999', '2.00'],
    ['-0.001', '0.00'],
    ['-0', '0.00'],
    ['42', '42.00'],
    ['1234567890123.455', '1234567890123.46'],
  ])('rounds %p half away from zero to %p', (value, expected) => {
    expect(toMoneyString(parseDecimal(value, 'x'))).toBe(expected);
  });
});

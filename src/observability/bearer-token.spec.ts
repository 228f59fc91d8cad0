import { BearerToken } from './bearer-token';

describe('BearerToken', () => {
  const token = new BearerToken('the-right-token-0123');

  it('accepts exactly "Bearer <token>"', () => {
    expect(token.matches('Bearer the-right-token-0123')).toBe(true);
  });

  it.each([
    [undefined],
    [''],
    ['the-right-token-0123'],
    ['Bearer the-right-token-01234'],
    ['bearer the-right-token-0123'],
    ['Bearer '],
  ])('refuses %p', (header) => {
    expect(token.matches(header)).toBe(false);
  });
});

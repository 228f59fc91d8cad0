import { settlementDate } from './settlement';

describe('settlementDate', () => {
  it('is T+1 on the settlement calendar, skipping weekends and holidays', () => {
    expect(settlementDate(new Date('2026-03-06T15:00:00Z')).toISOString()).toBe(
      '2026-03-09T00:00:00.000Z',
    );
    // Thursday 2 July 2026 → Friday 3 July is the Independence Day holiday (observed) → Monday 6 July
    expect(settlementDate(new Date('2026-07-02T15:00:00Z')).toISOString()).toBe(
      '2026-07-06T00:00:00.000Z',
    );
  });

  it('falls back to the next weekday past the end of the holiday table', () => {
    expect(settlementDate(new Date('2030-03-08T15:00:00Z')).toISOString()).toBe(
      '2030-03-11T00:00:00.000Z',
    );
  });
});

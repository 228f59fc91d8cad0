import { HourlyCount } from './hourly-count';

const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 4, 10, 0, 0);

describe('HourlyCount', () => {
  it('counts every event of the last hour, to the minute', () => {
    const count = new HourlyCount();
    for (let i = 0; i < 5; i++) count.add(START + i * 1000);
    count.add(START + 30 * MINUTE);
    expect(count.total(START + 30 * MINUTE)).toBe(6);
    expect(count.total(START + 59 * MINUTE + 59_999)).toBe(6);
    // The minute of the first five leaves the window when the hour after it begins.
    expect(count.total(START + 60 * MINUTE)).toBe(1);
    expect(count.total(START + 90 * MINUTE)).toBe(0);
  });

  it('reuses a minute slot an hour later without the old count', () => {
    const count = new HourlyCount();
    count.add(START);
    count.add(START + 60 * MINUTE + 5);
    expect(count.total(START + 60 * MINUTE + 5)).toBe(1);
  });

  it('holds 100,000 events a minute in the same sixty slots', () => {
    const count = new HourlyCount();
    for (let i = 0; i < 100_000; i++) count.add(START + (i % MINUTE));
    expect(count.total(START + MINUTE - 1)).toBe(100_000);
  });
});

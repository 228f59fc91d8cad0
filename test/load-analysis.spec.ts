import { floorTrend } from '../bench/lib/load-analysis';
import type { ScrapeSample } from '../bench/lib/scrape-sampler';

const MiB = 2 ** 20;

/** A heap saw-tooth: 50 MiB floor + `rise` MiB per minute, 0–80 MiB of garbage on top, 1 s apart. */
function sawTooth(minutes: number, rise: number, toothSeconds: number): ScrapeSample[] {
  return Array.from({ length: minutes * 60 }, (_, second) => ({
    atMs: second * 1000,
    status: 200,
    durationMs: 1,
    bytes: 1,
    series: 1,
    scheduledCycles: {},
    heapUsedBytes:
      (50 + (rise * second) / 60 + (80 * (second % toothSeconds)) / toothSeconds) * MiB,
  }));
}

describe('the load benchmark’s memory trends', () => {
  it('finds a retained growth under the saw-tooth of collections', () => {
    const floors = floorTrend(sawTooth(10, 0.5, 23), (s) => s.heapUsedBytes)!;
    expect(floors.samples).toBe(10);
    expect(floors.slopePerMinute).toBeCloseTo(0.5, 1);
    expect(floors.start).toBeGreaterThanOrEqual(50);
    expect(floors.start).toBeLessThan(52);
  });

  it('reads a flat heap as flat', () => {
    const floors = floorTrend(sawTooth(10, 0, 23), (s) => s.heapUsedBytes)!;
    expect(Math.abs(floors.lateSlopePerMinute)).toBeLessThan(0.01);
    expect(floors.end).toBeCloseTo(floors.start, 5);
  });
});

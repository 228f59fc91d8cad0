import { Histogram, Registry } from 'prom-client';
import { trackDuration } from './track-duration';

const countOf = async (histogram: Histogram<string>, outcome: string) =>
  (await histogram.get()).values.find(
    (v) => v.metricName === 'block_seconds_count' && v.labels.outcome === outcome,
  )?.value ?? 0;

describe('trackDuration', () => {
  const registry = new Registry();
  const histogram = new Histogram({
    name: 'block_seconds',
    help: 'test',
    labelNames: ['step', 'outcome'],
    buckets: [0.01, 1],
    registers: [registry],
  });

  it('times sync and async blocks, success and failure, passing results through', async () => {
    expect(trackDuration(histogram, { step: 'a' }, () => 42)).toBe(42);
    expect(() =>
      trackDuration(histogram, { step: 'a' }, () => {
        throw new Error('x');
      }),
    ).toThrow('x');
    await expect(trackDuration(histogram, { step: 'a' }, async () => 'ok')).resolves.toBe('ok');
    await expect(
      trackDuration(histogram, { step: 'a' }, () => Promise.reject(new Error('y'))),
    ).rejects.toThrow('y');
    expect(await countOf(histogram, 'success')).toBe(2);
    expect(await countOf(histogram, 'failure')).toBe(2);
  });
});

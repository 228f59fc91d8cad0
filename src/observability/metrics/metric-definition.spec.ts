import { defineCounter, defineGauge, defineHistogram } from './metric-definition';

describe('metric definitions', () => {
  it('are typed, frozen values', () => {
    const definition = defineHistogram({
      name: 'work_seconds',
      help: 'h',
      labelNames: ['kind'],
      buckets: [1],
    });
    expect(definition).toEqual({
      name: 'work_seconds',
      help: 'h',
      labelNames: ['kind'],
      buckets: [1],
      type: 'histogram',
    });
    expect(Object.isFrozen(definition)).toBe(true);
    expect(defineGauge({ name: 'g', help: 'h' }).labelNames).toEqual([]);
  });

  it('refuse counters without _total, a bare up, and bad names', () => {
    expect(() => defineCounter({ name: 'requests', help: 'h' })).toThrow('must end in _total');
    expect(() => defineGauge({ name: 'up', help: 'h' })).toThrow('collides');
    expect(() => defineGauge({ name: 'bad-name', help: 'h' })).toThrow('invalid metric name');
    expect(() => defineGauge({ name: 'g', help: 'h', labelNames: ['__reserved'] })).toThrow(
      'invalid label name',
    );
  });
});

import type { Bar } from '../../../market-data/market-data.types';
import type { StrategyContext } from '../../strategy.interface';

const START = Date.UTC(2024, 0, 2, 14, 30);
const MINUTE = 60_000;

/**
 * One-minute bars from closes: open is the previous close, high/low sit `spread` (relative)
 * outside the open–close body, volume cycles deterministically.
 */
export function barsFromCloses(closes: readonly number[], spread = 0.001): Bar[] {
  return closes.map((close, index) => {
    const open = index === 0 ? close : closes[index - 1];
    return {
      time: new Date(START + index * MINUTE),
      open,
      high: Math.max(open, close) * (1 + spread),
      low: Math.min(open, close) * (1 - spread),
      close,
      volume: 1_000 + (index % 7) * 100,
    };
  });
}

/** `count` values stepping evenly from `from` to `to`, both included. */
export function ramp(from: number, to: number, count: number): number[] {
  const step = count > 1 ? (to - from) / (count - 1) : 0;
  return Array.from({ length: count }, (_, index) => from + step * index);
}

export function contextOf(
  bars: readonly Bar[],
  extra: Partial<Omit<StrategyContext, 'bars'>> = {},
): StrategyContext {
  const now = new Date((bars.at(-1)?.time.getTime() ?? START) + MINUTE);
  return { symbol: 'TEST', bars, now, ...extra };
}

export function contextFromCloses(
  closes: readonly number[],
  extra: Partial<Omit<StrategyContext, 'bars'>> = {},
): StrategyContext {
  return contextOf(barsFromCloses(closes), extra);
}

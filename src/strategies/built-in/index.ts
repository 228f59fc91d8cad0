import type { Strategy } from '../strategy.interface';
import { breakoutStrategy } from './breakout.strategy';
import { optionsFlowStrategy } from './options-flow.strategy';
import { rsiMeanReversionStrategy } from './rsi-mean-reversion.strategy';
import { sentimentMomentumStrategy } from './sentiment.strategy';
import { smaCrossoverStrategy } from './sma-crossover.strategy';

export * from './breakout.strategy';
export * from './options-flow.strategy';
export * from './rsi-mean-reversion.strategy';
export * from './sentiment.strategy';
export * from './sma-crossover.strategy';

export const BUILT_IN_STRATEGIES: readonly Strategy[] = [
  smaCrossoverStrategy,
  rsiMeanReversionStrategy,
  breakoutStrategy,
  sentimentMomentumStrategy,
  optionsFlowStrategy,
];

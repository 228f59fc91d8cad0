import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { MarketDataService } from '../market-data/market-data.service';
import { OptionsFlowService } from '../options-flow/options-flow.service';
import { SentimentService } from '../sentiment/sentiment.service';
import type { StrategyState } from './strategy-registry.service';
import type { StrategyContext } from './strategy.interface';

/** Extra bars beyond a strategy's minimum, so indicators are past their warm-up. */
const BAR_MARGIN = 20;

/** Gathers what one strategy needs for one symbol: bars, and sentiment or options flow if it uses them. */
@Injectable()
export class StrategyContextBuilder {
  constructor(
    private readonly marketData: MarketDataService,
    private readonly sentiment: SentimentService,
    private readonly optionsFlow: OptionsFlowService,
    private readonly clock: Clock,
  ) {}

  async build(state: StrategyState, symbol: string): Promise<StrategyContext> {
    const { strategy, parameters } = state;
    const [bars, sentiment, optionsFlow] = await Promise.all([
      this.marketData.bars(symbol, strategy.requiredBars(parameters) + BAR_MARGIN),
      strategy.usesSentiment ? this.sentiment.sentiment(symbol) : undefined,
      strategy.usesOptionsFlow ? this.optionsFlow.flow(symbol) : undefined,
    ]);
    return { symbol, bars, now: this.clock.now(), sentiment, optionsFlow };
  }
}

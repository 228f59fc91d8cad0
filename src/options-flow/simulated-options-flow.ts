import type { Clock } from '../common/clock/clock';
import { hashSeed, SeededRandom } from '../common/random/seeded-random';
import type { Bar } from '../market-data/market-data.types';
import type { OptionsFlow, OptionsFlowSource } from './options-flow.types';

const MINUTE_MS = 60_000;
/** Total premium above this multiple of the usual level counts as unusual activity. */
export const UNUSUAL_MULTIPLE = 2;

/**
 * Simulated option prints: premium scales with the stock's price and dollar volume, tilts toward
 * calls after a rise and puts after a fall, and now and then bursts (unusual activity).
 */
export class SimulatedOptionsFlow implements OptionsFlowSource {
  readonly name = 'options_flow_simulated';

  constructor(
    private readonly seed: number,
    private readonly clock: Clock,
  ) {}

  async flow(symbol: string, bars: readonly Bar[]): Promise<OptionsFlow> {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    const random = new SeededRandom(hashSeed(this.seed, 'options', symbol, minute));
    const usual = bars.reduce((sum, bar) => sum + bar.close * bar.volume, 0) * 0.02 || 1_000_000;
    const trend = bars.length > 1 ? bars[bars.length - 1].close / bars[0].close - 1 : 0;
    const burst = random.next() < 0.15 ? random.between(2.5, 5) : random.between(0.5, 1.5);
    const callShare = Math.min(
      0.9,
      Math.max(0.1, 0.5 + Math.tanh(trend * 50) * 0.3 + random.normal() * 0.08),
    );
    const total = usual * burst;
    const callPremium = total * callShare;
    const putPremium = total - callPremium;
    return {
      symbol,
      callPremium,
      putPremium,
      putCallRatio: putPremium / callPremium,
      unusual: total > usual * UNUSUAL_MULTIPLE,
      time: this.clock.now(),
    };
  }
}

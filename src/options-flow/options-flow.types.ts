import type { VendorCallObserver } from '../providers/http/vendor-http-client';
import type { Bar } from '../market-data/market-data.types';

export interface OptionsFlow {
  symbol: string;
  /** Premium paid for calls / puts in the last hour, in the quote currency. */
  callPremium: number;
  putPremium: number;
  putCallRatio: number;
  /** True when total premium is far above its usual level. */
  unusual: boolean;
  time: Date;
}

export interface OptionsFlowSource {
  readonly name: string;
  flow(symbol: string, bars: readonly Bar[], observer?: VendorCallObserver): Promise<OptionsFlow>;
}

export const OPTIONS_FLOW_SOURCE = Symbol('OPTIONS_FLOW_SOURCE');

import type { VendorCallObserver, VendorHttpClient } from '../providers/http/vendor-http-client';
import { asDate, asNumber, asRecord } from '../providers/http/payload';
import type { OptionsFlow, OptionsFlowSource } from './options-flow.types';

/** An options-flow vendor: `GET {base}/options-flow/{symbol}` → `{callPremium, putPremium, unusual, time}`. */
export class HttpOptionsFlow implements OptionsFlowSource {
  readonly name = 'options_flow_http';

  constructor(private readonly client: VendorHttpClient) {}

  flow(symbol: string, _bars: unknown, observer?: VendorCallObserver): Promise<OptionsFlow> {
    return this.client.getJson(
      `/options-flow/${encodeURIComponent(symbol)}`,
      {},
      (body) => {
        const flow = asRecord(body, 'options flow');
        const callPremium = asNumber(flow.callPremium, 'callPremium');
        const putPremium = asNumber(flow.putPremium, 'putPremium');
        if (typeof flow.unusual !== 'boolean') throw new Error('unusual is not a boolean');
        return {
          symbol,
          callPremium,
          putPremium,
          putCallRatio: callPremium > 0 ? putPremium / callPremium : Number.POSITIVE_INFINITY,
          unusual: flow.unusual,
          time: asDate(flow.time, 'time'),
        };
      },
      observer,
    );
  }
}

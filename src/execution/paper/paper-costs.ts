import Decimal from 'decimal.js';
import type { OrderSide } from '../order.types';

export const SLIPPAGE_MODELS = ['none', 'fixed_bps', 'volume_share'] as const;
export type SlippageModelName = (typeof SLIPPAGE_MODELS)[number];

export interface SlippageSettings {
  model: SlippageModelName;
  /** For fixed_bps: basis points against the trader. */
  bps: number;
  /** For volume_share: price impact = impact × (order share of bar volume)² (zipline's model). */
  impact: number;
}

export interface FeeSettings {
  perShare: number;
  minimum: number;
  /** Cap as a fraction of the trade's value. */
  maximumRate: number;
}

/** The price after slippage, always against the trader (up for buys, down for sells). */
export function slippedPrice(
  touch: Decimal,
  side: OrderSide,
  quantity: Decimal,
  barVolume: number,
  settings: SlippageSettings,
): Decimal {
  const fraction = slippageFraction(quantity, barVolume, settings);
  const factor = side === 'buy' ? new Decimal(1).plus(fraction) : new Decimal(1).minus(fraction);
  return touch
    .times(factor)
    .toDecimalPlaces(4, side === 'buy' ? Decimal.ROUND_UP : Decimal.ROUND_DOWN);
}

function slippageFraction(
  quantity: Decimal,
  barVolume: number,
  settings: SlippageSettings,
): Decimal {
  switch (settings.model) {
    case 'none':
      return new Decimal(0);
    case 'fixed_bps':
      return new Decimal(settings.bps).div(10_000);
    case 'volume_share': {
      const share = barVolume > 0 ? Decimal.min(quantity.div(barVolume), 1) : new Decimal(1);
      return share.pow(2).times(settings.impact);
    }
  }
}

/** Per-share commission, with a minimum and a cap (Interactive Brokers' fixed pricing shape). */
export function commission(quantity: Decimal, price: Decimal, fees: FeeSettings): Decimal {
  const perShare = quantity.times(fees.perShare);
  const cap = quantity.times(price).times(fees.maximumRate);
  return Decimal.min(Decimal.max(perShare, fees.minimum), cap).toDecimalPlaces(
    2,
    Decimal.ROUND_HALF_UP,
  );
}

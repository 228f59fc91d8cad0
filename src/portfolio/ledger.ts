import Decimal from 'decimal.js';
import type { OrderSide } from '../execution/order.types';

export interface PositionState {
  quantity: Decimal;
  averageCost: Decimal;
}

export interface FillEffect {
  position: PositionState;
  /** Signed: negative for a buy. Trade value only; the fee is separate. */
  cashForShares: Decimal;
  fee: Decimal;
  /** For sells: (price − average cost) × quantity − fee; zero for buys. */
  realizedPnl: Decimal;
}

/**
 * What a fill does to a long-only position and to cash, in exact decimals. Buys fold their fee
 * into the average cost, so a round trip's realized P/L carries both fees.
 */
export function applyFillToPosition(
  position: PositionState,
  side: OrderSide,
  quantity: Decimal,
  price: Decimal,
  fee: Decimal,
): FillEffect {
  const value = quantity.times(price);
  if (side === 'buy') {
    const newQuantity = position.quantity.plus(quantity);
    const averageCost = position.quantity
      .times(position.averageCost)
      .plus(value)
      .plus(fee)
      .div(newQuantity);
    return {
      position: { quantity: newQuantity, averageCost: averageCost.toDecimalPlaces(6) },
      cashForShares: value.negated(),
      fee,
      realizedPnl: new Decimal(0),
    };
  }
  if (quantity.gt(position.quantity))
    throw new Error('a sell cannot exceed the position (no short selling)');
  const remaining = position.quantity.minus(quantity);
  return {
    position: {
      quantity: remaining,
      averageCost: remaining.isZero() ? new Decimal(0) : position.averageCost,
    },
    cashForShares: value,
    fee,
    realizedPnl: price.minus(position.averageCost).times(quantity).minus(fee).toDecimalPlaces(2),
  };
}

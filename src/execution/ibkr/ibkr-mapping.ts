import Decimal from 'decimal.js';
import {
  Contract,
  ErrorCode,
  isNonFatalError,
  Order,
  OrderAction,
  OrderStatus,
  OrderType,
  SecType,
  TimeInForce,
} from '@stoqey/ib';
import type { BrokerOrder } from '../broker.port';

/** What an IB order status means for our order. */
export type StatusKind = 'working' | 'filled' | 'canceled' | 'inactive' | 'transient';

export function statusKind(status: string): StatusKind {
  switch (status) {
    case OrderStatus.PreSubmitted:
    case OrderStatus.Submitted:
      return 'working';
    case OrderStatus.Filled:
      return 'filled';
    case OrderStatus.Cancelled:
    case OrderStatus.ApiCancelled:
      return 'canceled';
    case OrderStatus.Inactive:
      return 'inactive';
    default:
      return 'transient';
  }
}

/** What an IB error about one of our orders means. */
export type OrderErrorKind = 'notice' | 'cancel_refused' | 'canceled' | 'duplicate_id' | 'failure';

const DUPLICATE_ORDER_ID = 103;
/** 161: not in a cancellable state; 10147: not found; 10148: cannot be cancelled (e.g. filled). */
const CANCEL_REFUSED = new Set([161, 10147, 10148]);

/** 404: held while IB locates shares to borrow; the order stays live. */
const ORDER_NOTICES = new Set([404]);

export function orderErrorKind(code: number, error: Error): OrderErrorKind {
  if (isNonFatalError(code, error) || ORDER_NOTICES.has(code)) return 'notice';
  if (CANCEL_REFUSED.has(code)) return 'cancel_refused';
  if (code === ErrorCode.ORDER_CANCELLED) return 'canceled';
  if (code === DUPLICATE_ORDER_ID) return 'duplicate_id';
  return 'failure';
}

/** Codes about TWS's own link to IB's servers (sent as info, with no request id). */
export const UPSTREAM_LOST = ErrorCode.FAIL_CONNECTION_LOST_BETWEEN_SERVER_AND_TWS;
export const UPSTREAM_RESTORED: readonly number[] = [
  ErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
  ErrorCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED,
];
/** Codes that mean the API socket itself is gone. */
export const SOCKET_DOWN: readonly number[] = [ErrorCode.CONNECT_FAIL, ErrorCode.NOT_CONNECTED];

export function usStock(symbol: string): Contract {
  return { symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
}

const ORDER_REF_PREFIX = 'tradewatch:';

export function ibOrder(order: BrokerOrder, account: string | undefined): Order {
  return {
    action: order.side === 'buy' ? OrderAction.BUY : OrderAction.SELL,
    totalQuantity: Number(order.quantity),
    ...(order.type === 'limit'
      ? { orderType: OrderType.LMT, lmtPrice: Number(order.limitPrice) }
      : { orderType: OrderType.MKT }),
    tif: TimeInForce.DAY,
    transmit: true,
    orderRef: `${ORDER_REF_PREFIX}${order.orderId}`,
    ...(account ? { account } : {}),
  };
}

/** Our order id from an IB `orderRef` we set, for executions of orders placed before a restart. */
export function orderIdFromRef(orderRef: string | undefined): string | undefined {
  return orderRef?.startsWith(ORDER_REF_PREFIX)
    ? orderRef.slice(ORDER_REF_PREFIX.length) || undefined
    : undefined;
}

/**
 * IB publishes a correction of an execution as another execDetails whose execId differs only
 * after the final period; the part before it names the execution.
 */
export function executionKey(execId: string): string {
  const cut = execId.lastIndexOf('.');
  return cut > 0 && /^\d+$/.test(execId.slice(cut + 1)) ? execId.slice(0, cut) : execId;
}

/** IB numbers as decimal strings; IB marks "unset" doubles with Number.MAX_VALUE. */
export function decimalOf(value: number | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value) || value >= Number.MAX_VALUE) return undefined;
  return new Decimal(value).toString();
}

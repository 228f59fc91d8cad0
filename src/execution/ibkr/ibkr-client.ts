import {
  CommissionReport,
  Contract,
  ErrorCode,
  EventName,
  Execution,
  ExecutionFilter,
  IBApi,
  Order,
  OrderState,
  OrderStatus,
} from '@stoqey/ib';

/**
 * The part of `@stoqey/ib`'s `IBApi` the adapter uses, with the library's own event signatures.
 * `IBApi` satisfies it as it is; tests give a fake of this surface (the library boundary).
 */
export interface IbClient {
  connect(clientId?: number): unknown;
  disconnect(): unknown;
  reqIds(numIds?: number): unknown;
  placeOrder(id: number, contract: Contract, order: Order): unknown;
  cancelOrder(orderId: number): unknown;
  reqOpenOrders(): unknown;
  reqExecutions(reqId: number, filter: ExecutionFilter): unknown;
  removeAllListeners(): unknown;

  on(event: EventName.connected, listener: () => void): unknown;
  on(event: EventName.disconnected, listener: () => void): unknown;
  on(event: EventName.connectionClosed, listener: () => void): unknown;
  on(
    event: EventName.error,
    listener: (error: Error, code: ErrorCode, reqId: number, advancedOrderReject?: unknown) => void,
  ): unknown;
  on(event: EventName.info, listener: (message: string, code: number) => void): unknown;
  on(event: EventName.nextValidId, listener: (orderId: number) => void): unknown;
  on(
    event: EventName.orderStatus,
    listener: (
      orderId: number,
      status: OrderStatus,
      filled: number,
      remaining: number,
      avgFillPrice: number,
      permId?: number,
      parentId?: number,
      lastFillPrice?: number,
      clientId?: number,
      whyHeld?: string,
      mktCapPrice?: number,
    ) => void,
  ): unknown;
  on(
    event: EventName.openOrder,
    listener: (orderId: number, contract: Contract, order: Order, orderState: OrderState) => void,
  ): unknown;
  on(
    event: EventName.execDetails,
    listener: (reqId: number, contract: Contract, execution: Execution) => void,
  ): unknown;
  on(event: EventName.commissionReport, listener: (report: CommissionReport) => void): unknown;
}

export interface IbEndpoint {
  host: string;
  port: number;
  clientId: number;
}

/** Makes a new, unconnected client; the adapter makes one per connection attempt. */
export type IbClientFactory = (endpoint: IbEndpoint) => IbClient;

/** The library's default; IB allows 50. */
const IB_MAX_REQUESTS_PER_SECOND = 40;

/**
 * Every option is given so that `@stoqey/ib` never falls back to its own configuration, which
 * would load `.env` into `process.env` and read IB_* variables behind the app's back.
 */
export const createIbApi: IbClientFactory = ({ host, port, clientId }) =>
  new IBApi({ host, port, clientId, maxReqPerSec: IB_MAX_REQUESTS_PER_SECOND });

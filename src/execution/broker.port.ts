import type { OrderSide, OrderType } from './order.types';

/** What a broker needs to work an order. */
export interface BrokerOrder {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: string;
  limitPrice: string | null;
}

/** What a broker tells us about an order; the order service applies each report exactly once. */
export type BrokerReport =
  | { kind: 'accepted'; orderId: string; brokerOrderId: string; at: Date }
  | { kind: 'rejected'; orderId: string; reason: string; at: Date }
  | {
      kind: 'fill';
      orderId: string;
      brokerFillId: string;
      quantity: string;
      price: string;
      fee: string;
      at: Date;
    }
  | { kind: 'canceled'; orderId: string; reason: string; at: Date }
  | { kind: 'expired'; orderId: string; at: Date };

/** The broker port: the paper broker by default, Interactive Brokers as the real adapter. */
export interface Broker {
  /** Code-defined (a metric label): paper, ibkr. */
  readonly name: string;
  /**
   * True when the broker keeps our orders across a restart of this process and reports their
   * fate when we reconnect (IBKR's open orders and executions); false when its state lives in
   * this process (paper), so open orders found at start-up are lost and must be closed.
   */
  readonly keepsOrdersAcrossRestarts: boolean;
  isConnected(): boolean;
  submit(order: BrokerOrder): Promise<BrokerReport[]>;
  /** Reports for a cancel; empty when the broker no longer works the order. */
  cancel(order: BrokerOrder): Promise<BrokerReport[]>;
  /** Reports that happened since the last poll (resting orders filling, expiries...). */
  poll(): Promise<BrokerReport[]>;
}

export const BROKER = Symbol('BROKER');

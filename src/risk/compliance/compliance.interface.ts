export type Side = 'buy' | 'sell';

/** A fill as the broker reported it. Money and quantities are decimal strings. */
export interface Execution {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly price: string;
  readonly fees: string;
  readonly executedAt: Date;
}

/** An order about to be sent, priced at the caller's best estimate of its fill. */
export interface ProposedOrder {
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly price: string;
  /** Defaults to "0". */
  readonly fees?: string;
  /** When the order would execute (from the caller's clock). */
  readonly at: Date;
}

export type ComplianceEventType =
  | 'good_faith_violation'
  | 'free_riding'
  | 'restriction_started'
  | 'cash_order_blocked'
  | 'pdt_avoided'
  | 'intraday_margin_blocked';

export type EventDetail = string | number | boolean | null | readonly string[];

/** Something the caller should store (and may alert on). */
export interface ComplianceEvent {
  readonly type: ComplianceEventType;
  readonly symbol: string;
  readonly at: Date;
  readonly details: Readonly<Record<string, EventDetail>>;
}

export interface Warning<R extends string> {
  readonly reason: R;
  readonly message: string;
}

export type CheckResult<R extends string> =
  | { readonly allowed: true; readonly warning?: Warning<R> }
  | {
      readonly allowed: false;
      readonly reason: R;
      readonly message: string;
      readonly event: ComplianceEvent;
    };

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['market', 'limit'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** nautilus_trader's order lifecycle, trimmed to what a cash equity account needs. */
export const ORDER_STATUSES = [
  'initialized',
  'denied',
  'submitted',
  'accepted',
  'rejected',
  'partially_filled',
  'filled',
  'canceled',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // canceled: start-up reconciliation closing an order a crash left before it reached the broker
  initialized: ['denied', 'submitted', 'canceled'],
  submitted: ['accepted', 'rejected', 'canceled', 'partially_filled', 'filled'],
  accepted: ['partially_filled', 'filled', 'canceled', 'expired'],
  partially_filled: ['partially_filled', 'filled', 'canceled', 'expired'],
  denied: [],
  rejected: [],
  filled: [],
  canceled: [],
  expired: [],
};

export const TERMINAL_STATUSES: readonly OrderStatus[] = [
  'denied',
  'rejected',
  'filled',
  'canceled',
  'expired',
];

/** Orders the broker may still be working (or that a crash left half-way). */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  'initialized',
  'submitted',
  'accepted',
  'partially_filled',
];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`an order cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

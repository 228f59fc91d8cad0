import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES } from './order.types';

// Literal, so the planner can use the partial index orders_open (same list, see its migration).
export const OPEN_STATUS_LIST = OPEN_STATUSES.map((status) => `'${status}'`).join(', ');

/** What open orders (not yet filled) already commit: shares being sold or bought, cash for buys. */
export interface Commitments {
  /** Unfilled quantity of open sell orders of the symbol. */
  selling: Decimal;
  /** Unfilled quantity of open buy orders of the symbol. */
  buying: Decimal;
  /** Unfilled value of all open buy orders (at their limit, or their reference price). */
  buyingValue: Decimal;
}

/**
 * Read inside the admitting transaction (see OrdersService): a second sell of the same shares,
 * or a buy with cash another open buy will spend, is then denied instead of failing at its fill.
 */
export async function openCommitments(
  manager: EntityManager,
  symbol: string,
): Promise<Commitments> {
  const [row] = (await manager.query(
    `SELECT
       COALESCE(SUM(quantity - filled_quantity) FILTER (WHERE side = 'sell' AND symbol = $1), 0) AS selling,
       COALESCE(SUM(quantity - filled_quantity) FILTER (WHERE side = 'buy' AND symbol = $1), 0) AS buying,
       COALESCE(SUM((quantity - filled_quantity) * COALESCE(limit_price, reference_price, 0))
         FILTER (WHERE side = 'buy'), 0) AS buying_value
     FROM orders WHERE status IN (${OPEN_STATUS_LIST})`,
    [symbol],
  )) as Array<{ selling: string; buying: string; buying_value: string }>;
  return {
    selling: new Decimal(row.selling),
    buying: new Decimal(row.buying),
    buyingValue: new Decimal(row.buying_value),
  };
}

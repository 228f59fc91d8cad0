import Decimal from 'decimal.js';
import { Client } from 'pg';

export interface AuditedOrder {
  id: string;
  clientOrderId: string;
  status: string;
  reason: string | null;
  quantity: string;
  filledQuantity: string;
  events: Array<{
    from: string | null;
    to: string;
    reason: string | null;
    details: Record<string, unknown>;
  }>;
}

export interface OrderAudit {
  /** clientOrderId → the rows carrying it (more than one would be a doubled order). */
  byClientOrderId: Map<string, AuditedOrder[]>;
  /** Every inconsistency found; empty when nothing is half-written. */
  problems: string[];
}

/**
 * Reads the orders straight from PostgreSQL and checks that none is half-written: each has its
 * event chain from `initialized` to its status, fills that add up to its filled quantity, a cash
 * ledger entry per fill, and positions equal to the net of the fills.
 */
export async function auditOrders(databaseUrl: string): Promise<OrderAudit> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const orders = (
      await client.query<{
        id: string;
        client_order_id: string;
        status: string;
        reason: string | null;
        quantity: string;
        filled_quantity: string;
      }>(
        'SELECT id, client_order_id, status, reason, quantity, filled_quantity FROM orders ORDER BY id',
      )
    ).rows;
    const events = (
      await client.query<{
        order_id: string;
        from_status: string | null;
        to_status: string;
        reason: string | null;
        details: Record<string, unknown>;
      }>('SELECT order_id, from_status, to_status, reason, details FROM order_events ORDER BY id')
    ).rows;
    const fills = (
      await client.query<{
        id: string;
        order_id: string;
        symbol: string;
        side: string;
        quantity: string;
      }>('SELECT id, order_id, symbol, side, quantity FROM fills')
    ).rows;
    const ledgerFillIds = new Set(
      (
        await client.query<{ fill_id: string }>(
          'SELECT fill_id FROM cash_ledger WHERE fill_id IS NOT NULL',
        )
      ).rows.map((row) => row.fill_id),
    );
    const positions = (
      await client.query<{ symbol: string; quantity: string }>(
        'SELECT symbol, quantity FROM positions',
      )
    ).rows;

    const problems: string[] = [];
    const byClientOrderId = new Map<string, AuditedOrder[]>();
    const orderIds = new Set(orders.map((order) => order.id));
    for (const event of events)
      if (!orderIds.has(event.order_id))
        problems.push(`event of a missing order ${event.order_id}`);
    for (const order of orders) {
      const audited: AuditedOrder = {
        id: order.id,
        clientOrderId: order.client_order_id,
        status: order.status,
        reason: order.reason,
        quantity: order.quantity,
        filledQuantity: order.filled_quantity,
        events: events
          .filter((event) => event.order_id === order.id)
          .map((event) => ({
            from: event.from_status,
            to: event.to_status,
            reason: event.reason,
            details: event.details,
          })),
      };
      byClientOrderId.set(order.client_order_id, [
        ...(byClientOrderId.get(order.client_order_id) ?? []),
        audited,
      ]);
      problems.push(...chainProblems(audited));
      const own = fills.filter((fill) => fill.order_id === order.id);
      const filled = own.reduce((sum, fill) => sum.plus(fill.quantity), new Decimal(0));
      if (!filled.eq(order.filled_quantity))
        problems.push(
          `order ${order.id}: fills add up to ${filled}, filled_quantity is ${order.filled_quantity}`,
        );
      if (order.status === 'filled' && !filled.eq(order.quantity))
        problems.push(`order ${order.id} is filled with ${filled} of ${order.quantity}`);
      for (const fill of own)
        if (!ledgerFillIds.has(fill.id)) problems.push(`fill ${fill.id} has no cash ledger entry`);
    }
    for (const fill of fills)
      if (!orderIds.has(fill.order_id)) problems.push(`fill ${fill.id} of a missing order`);
    const net = new Map<string, Decimal>();
    for (const fill of fills) {
      const signed = new Decimal(fill.quantity).times(fill.side === 'buy' ? 1 : -1);
      net.set(fill.symbol, (net.get(fill.symbol) ?? new Decimal(0)).plus(signed));
    }
    for (const [symbol, quantity] of net) {
      const held = new Decimal(
        positions.find((position) => position.symbol === symbol)?.quantity ?? 0,
      );
      if (!held.eq(quantity))
        problems.push(`position ${symbol} is ${held}, its fills net ${quantity}`);
    }
    return { byClientOrderId, problems };
  } finally {
    await client.end();
  }
}

function chainProblems(order: AuditedOrder): string[] {
  const { events } = order;
  if (events.length === 0) return [`order ${order.id} has no events`];
  const problems: string[] = [];
  if (events[0].from !== null || events[0].to !== 'initialized')
    problems.push(`order ${order.id} does not start with null → initialized`);
  for (let index = 1; index < events.length; index++) {
    if (events[index].from !== events[index - 1].to)
      problems.push(
        `order ${order.id}: event ${index} starts from ${events[index].from}, not ${events[index - 1].to}`,
      );
  }
  if (events.at(-1)!.to !== order.status)
    problems.push(
      `order ${order.id} is ${order.status} but its last event says ${events.at(-1)!.to}`,
    );
  return problems;
}

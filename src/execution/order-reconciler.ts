import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter } from 'prom-client';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { InjectMetric } from '../observability';
import { BROKER, Broker } from './broker.port';
import { OrderEventEntity } from './order-event.entity';
import { OrderEntity } from './order.entity';
import { OPEN_STATUSES } from './order.types';

export const RECONCILED_REASON = 'broker_state_lost';

/**
 * At start-up, before any request is served: orders the previous process left open with a broker
 * that keeps its orders in memory (paper) can never progress, because that broker's state died
 * with the process. Each is closed as canceled with an event saying why, counted and logged.
 * A broker that keeps orders across restarts (IBKR) reports their fate itself when it reconnects.
 */
@Injectable()
export class OrderReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrderReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BROKER) private readonly broker: Broker,
    private readonly clock: Clock,
    @InjectMetric('orders_reconciled_total') private readonly reconciled: Counter<string>,
    @InjectMetric('order_status_changes_total') private readonly statusChanges: Counter<string>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const status of OPEN_STATUSES)
      this.reconciled.inc({ broker: this.broker.name, status }, 0);
    if (this.broker.keepsOrdersAcrossRestarts) return;
    const open = await this.dataSource.manager.find(OrderEntity, {
      where: { broker: this.broker.name, status: In([...OPEN_STATUSES]) },
      order: { id: 'ASC' },
    });
    for (const order of open) await this.close(order);
    if (open.length > 0) {
      this.logger.warn(
        { orders: open.length, broker: this.broker.name },
        'closed the open orders the previous run left with a broker that has forgotten them',
      );
    }
  }

  private async close(order: OrderEntity): Promise<void> {
    const at = this.clock.now();
    const closed = await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.update(
        OrderEntity,
        { id: order.id, status: order.status },
        { status: 'canceled', reason: RECONCILED_REASON, updatedAt: at },
      );
      if (!affected) return false;
      await manager.insert(OrderEventEntity, {
        orderId: order.id,
        fromStatus: order.status,
        toStatus: 'canceled',
        reason: RECONCILED_REASON,
        details: {
          reconciled: true,
          message: `the ${this.broker.name} broker keeps its orders in memory: this one was lost when the previous process stopped`,
          filledQuantity: order.filledQuantity,
        },
        at,
      });
      return true;
    });
    if (!closed) return;
    this.reconciled.inc({ broker: this.broker.name, status: order.status });
    this.statusChanges.inc({ status: 'canceled' });
    this.logger.warn(
      { orderId: order.id, clientOrderId: order.clientOrderId, status: order.status },
      `order ${order.id} was ${order.status} when the previous run ended: canceled (${RECONCILED_REASON})`,
    );
  }
}

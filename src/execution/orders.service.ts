import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import type { Counter, Histogram } from 'prom-client';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { MarketDataService } from '../market-data/market-data.service';
import { Watchlist } from '../market-data/watchlist';
import { InjectMetric } from '../observability';
import { PortfolioService } from '../portfolio/portfolio.service';
import { RiskService } from '../risk/risk.service';
import { DENIAL_REASONS } from '../risk/risk.types';
import type { Denial } from '../risk/risk.types';
import { StrategyRegistry } from '../strategies/strategy-registry.service';
import { BROKER, Broker, BrokerOrder, BrokerReport } from './broker.port';
import { FillEntity } from './fill.entity';
import { OrderEventEntity } from './order-event.entity';
import { OrderEntity } from './order.entity';
import {
  canTransition,
  IllegalTransitionError,
  OrderSide,
  OrderStatus,
  OrderType,
} from './order.types';

export interface OrderRequest {
  clientOrderId?: string;
  symbol: string;
  side: OrderSide;
  quantity: number;
  type: OrderType;
  limitPrice?: number;
  strategy?: string;
  /** When the idea was born (a signal's time); default: now. */
  intendedAt?: Date;
}

export interface SubmitResult {
  order: OrderEntity;
  /** False when the clientOrderId was seen before: the existing order is returned. */
  created: boolean;
}

export interface OrderQuery {
  symbol?: string;
  status?: OrderStatus;
  limit: number;
}

const OPEN_STATUSES: OrderStatus[] = ['submitted', 'accepted', 'partially_filled'];

/** After-commit metric updates, so a rolled-back transaction counts nothing. */
type AfterCommit = Array<() => void>;

/** Orders from request to fill: idempotent creation, risk, the broker, and every state change journaled. */
@Injectable()
export class OrdersService implements OnModuleInit {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BROKER) private readonly broker: Broker,
    private readonly marketData: MarketDataService,
    private readonly watchlist: Watchlist,
    private readonly strategies: StrategyRegistry,
    private readonly risk: RiskService,
    private readonly portfolio: PortfolioService,
    private readonly clock: Clock,
    @InjectMetric('orders_submitted_total') private readonly submitted: Counter<string>,
    @InjectMetric('order_status_changes_total') private readonly statusChanges: Counter<string>,
    @InjectMetric('trades_executed_total') private readonly executed: Counter<string>,
    @InjectMetric('trades_rejected_total') private readonly rejected: Counter<string>,
    @InjectMetric('trade_execution_duration_seconds')
    private readonly executionDuration: Histogram<string>,
    @InjectMetric('order_fill_duration_seconds') private readonly fillDuration: Histogram<string>,
    @InjectMetric('slippage_amount') private readonly slippage: Histogram<string>,
    @InjectMetric('broker_request_duration_seconds')
    private readonly brokerDuration: Histogram<string>,
  ) {}

  /** Every rejection reason exists at 0 from the start, so increase() sees the first one. */
  onModuleInit(): void {
    for (const reason of [...DENIAL_REASONS, 'broker_rejected']) this.rejected.inc({ reason }, 0);
  }

  async submit(request: OrderRequest): Promise<SubmitResult> {
    const symbol = this.watchlist.require(request.symbol);
    if (request.strategy) this.strategies.get(request.strategy);
    const { order, created } = await this.createOrFind({ ...request, symbol });
    if (!created) return { order: this.sameOrConflict(order, { ...request, symbol }), created };
    this.submitted.inc({ side: order.side, type: order.type });
    const denial = await this.priceAndCheck(order);
    if (denial) return { order: await this.deny(order, denial), created };
    await this.transitionAndCommit(order.id, 'submitted', null, { broker: this.broker.name });
    await this.send(order);
    return { order: await this.get(order.id), created };
  }

  async cancel(id: string): Promise<OrderEntity> {
    const order = await this.get(id);
    if (!OPEN_STATUSES.includes(order.status))
      throw new ConflictError(`order ${id} is ${order.status}: only open orders can be canceled`);
    const reports = await this.timedBroker('cancel', () =>
      this.broker.cancel(toBrokerOrder(order)),
    );
    if (reports.length === 0)
      throw new ConflictError(`order ${id} is no longer worked by the broker`);
    await this.applyReports(reports);
    return this.get(id);
  }

  /** Applies what the broker reports since the last poll (resting orders filling...). */
  async pollBroker(): Promise<number> {
    const reports = await this.timedBroker('poll', () => this.broker.poll());
    await this.applyReports(reports);
    return reports.length;
  }

  async get(id: string): Promise<OrderEntity> {
    const order = /^\d{1,18}$/.test(id)
      ? await this.dataSource.manager.findOne(OrderEntity, { where: { id } })
      : null;
    if (!order) throw new NotFoundError(`no order with id "${id.slice(0, 24)}"`);
    return order;
  }

  find(query: OrderQuery): Promise<OrderEntity[]> {
    const where: FindOptionsWhere<OrderEntity> = {};
    if (query.symbol) where.symbol = this.watchlist.require(query.symbol);
    if (query.status) where.status = query.status;
    return this.dataSource.manager.find(OrderEntity, {
      where,
      order: { id: 'DESC' },
      take: query.limit,
    });
  }

  events(orderId: string): Promise<OrderEventEntity[]> {
    return this.dataSource.manager.find(OrderEventEntity, {
      where: { orderId },
      order: { id: 'ASC' },
    });
  }

  fills(where: { orderIds?: string[]; symbol?: string; limit: number }): Promise<FillEntity[]> {
    const filter: FindOptionsWhere<FillEntity> = {};
    if (where.orderIds) filter.orderId = In(where.orderIds);
    if (where.symbol) filter.symbol = this.watchlist.require(where.symbol);
    return this.dataSource.manager.find(FillEntity, {
      where: filter,
      order: { id: 'DESC' },
      take: where.limit,
    });
  }

  private async createOrFind(request: OrderRequest & { symbol: string }): Promise<SubmitResult> {
    const clientOrderId = request.clientOrderId ?? randomUUID();
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager
        .createQueryBuilder()
        .insert()
        .into(OrderEntity)
        .values({
          clientOrderId,
          symbol: request.symbol,
          side: request.side,
          type: request.type,
          quantity: String(request.quantity),
          limitPrice: request.limitPrice === undefined ? null : String(request.limitPrice),
          status: 'initialized',
          filledQuantity: '0',
          strategy: request.strategy ?? null,
          broker: this.broker.name,
          intendedAt: request.intendedAt ?? now,
          createdAt: now,
          updatedAt: now,
        })
        .orIgnore()
        .returning('id')
        .execute()) as { raw: Array<{ id: string }> };
      const id = inserted.raw[0]?.id;
      if (id === undefined) {
        return {
          order: await manager.findOneOrFail(OrderEntity, { where: { clientOrderId } }),
          created: false,
        };
      }
      await manager.insert(OrderEventEntity, {
        orderId: id,
        fromStatus: null,
        toStatus: 'initialized',
        reason: null,
        details: {},
        at: now,
      });
      return { order: await manager.findOneOrFail(OrderEntity, { where: { id } }), created: true };
    });
  }

  private sameOrConflict(
    order: OrderEntity,
    request: OrderRequest & { symbol: string },
  ): OrderEntity {
    const same =
      order.symbol === request.symbol &&
      order.side === request.side &&
      order.type === request.type &&
      new Decimal(order.quantity).eq(request.quantity) &&
      (order.limitPrice === null
        ? request.limitPrice === undefined
        : new Decimal(order.limitPrice).eq(request.limitPrice ?? NaN)) &&
      order.strategy === (request.strategy ?? null);
    if (!same)
      throw new ConflictError(
        `clientOrderId "${order.clientOrderId}" was already used for a different order (id ${order.id})`,
      );
    return order;
  }

  /** Sets the reference price from the quote and runs the risk checks. */
  private async priceAndCheck(order: OrderEntity): Promise<Denial | undefined> {
    let touch: number;
    try {
      const quote = await this.marketData.quote(order.symbol);
      touch = order.side === 'buy' ? quote.ask : quote.bid;
    } catch {
      return {
        reason: 'no_price',
        message: `no price for ${order.symbol}: the market data provider is unavailable`,
      };
    }
    const reference = order.limitPrice ?? new Decimal(touch).toFixed(6);
    await this.dataSource.manager.update(
      OrderEntity,
      { id: order.id },
      { referencePrice: reference },
    );
    order.referencePrice = reference;
    return this.risk.check({
      symbol: order.symbol,
      side: order.side,
      quantity: new Decimal(order.quantity),
      price: new Decimal(reference),
    });
  }

  private async deny(order: OrderEntity, denial: Denial): Promise<OrderEntity> {
    const after: AfterCommit = [];
    await this.dataSource.transaction(async (manager) => {
      await this.transition(
        manager,
        order.id,
        'denied',
        denial.reason,
        { message: denial.message },
        after,
      );
      await this.risk.recordDenial(denial, order.symbol, order.id, manager);
    });
    after.forEach((run) => run());
    this.rejected.inc({ reason: denial.reason });
    return this.get(order.id);
  }

  private async send(order: OrderEntity): Promise<void> {
    let reports: BrokerReport[];
    try {
      reports = await this.timedBroker('submit', () => this.broker.submit(toBrokerOrder(order)));
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id }, 'the broker did not take the order');
      reports = [
        { kind: 'rejected', orderId: order.id, reason: 'broker_unavailable', at: this.clock.now() },
      ];
    }
    await this.applyReports(reports);
  }

  private async applyReports(reports: BrokerReport[]): Promise<void> {
    for (const report of reports) {
      const after: AfterCommit = [];
      await this.dataSource.transaction((manager) => this.applyReport(manager, report, after));
      after.forEach((run) => run());
    }
  }

  private async applyReport(
    manager: EntityManager,
    report: BrokerReport,
    after: AfterCommit,
  ): Promise<void> {
    switch (report.kind) {
      case 'accepted':
        await manager.update(
          OrderEntity,
          { id: report.orderId },
          { brokerOrderId: report.brokerOrderId },
        );
        return this.transition(manager, report.orderId, 'accepted', null, {}, after);
      case 'rejected':
        after.push(() => this.rejected.inc({ reason: 'broker_rejected' }));
        return this.transition(manager, report.orderId, 'rejected', report.reason, {}, after);
      case 'canceled':
        return this.transition(manager, report.orderId, 'canceled', report.reason, {}, after);
      case 'expired':
        return this.transition(manager, report.orderId, 'expired', null, {}, after);
      case 'fill':
        return this.applyFill(manager, report, after);
    }
  }

  private async applyFill(
    manager: EntityManager,
    report: Extract<BrokerReport, { kind: 'fill' }>,
    after: AfterCommit,
  ): Promise<void> {
    const order = await manager.findOneOrFail(OrderEntity, {
      where: { id: report.orderId },
      lock: { mode: 'pessimistic_write' },
    });
    const quantity = new Decimal(report.quantity);
    const price = new Decimal(report.price);
    const reference = new Decimal(order.referencePrice ?? report.price);
    const adverse = order.side === 'buy' ? price.minus(reference) : reference.minus(price);
    const inserted = (await manager
      .createQueryBuilder()
      .insert()
      .into(FillEntity)
      .values({
        orderId: order.id,
        brokerFillId: report.brokerFillId,
        symbol: order.symbol,
        side: order.side,
        strategy: order.strategy,
        quantity: quantity.toString(),
        price: price.toString(),
        fee: report.fee,
        slippage: adverse.toString(),
        executedAt: report.at,
      })
      .orIgnore()
      .returning('*')
      .execute()) as { raw: FillEntity[] };
    if (inserted.raw.length === 0) return;
    const fill = manager.create(FillEntity, inserted.raw[0]);
    fill.executedAt = report.at;
    const filledBefore = new Decimal(order.filledQuantity);
    const filled = filledBefore.plus(quantity);
    const average = filledBefore
      .times(order.averageFillPrice ?? 0)
      .plus(quantity.times(price))
      .div(filled);
    await manager.update(
      OrderEntity,
      { id: order.id },
      { filledQuantity: filled.toString(), averageFillPrice: average.toFixed(6) },
    );
    const complete = filled.gte(order.quantity);
    await this.transition(
      manager,
      order.id,
      complete ? 'filled' : 'partially_filled',
      null,
      { fillId: fill.id },
      after,
    );
    await this.portfolio.applyFill(manager, fill, order.strategy);
    await this.risk.afterFill(fill, manager);
    after.push(() =>
      this.recordFill(order, fill, filledBefore.isZero(), complete, Decimal.max(adverse, 0)),
    );
  }

  private recordFill(
    order: OrderEntity,
    fill: FillEntity,
    first: boolean,
    complete: boolean,
    adverse: Decimal,
  ): void {
    const at = fill.executedAt.getTime();
    this.executed.inc({
      strategy: order.strategy ?? 'manual',
      symbol: order.symbol,
      side: order.side,
    });
    this.slippage.observe({ symbol: order.symbol }, adverse.toNumber());
    if (first) this.executionDuration.observe(Math.max(0, at - order.intendedAt.getTime()) / 1000);
    if (complete) this.fillDuration.observe(Math.max(0, at - order.createdAt.getTime()) / 1000);
  }

  private async transition(
    manager: EntityManager,
    orderId: string,
    to: OrderStatus,
    reason: string | null,
    details: Record<string, unknown>,
    after: AfterCommit,
  ): Promise<void> {
    const order = await manager.findOneOrFail(OrderEntity, {
      where: { id: orderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!canTransition(order.status, to)) throw new IllegalTransitionError(order.status, to);
    const at = this.clock.now();
    await manager.update(
      OrderEntity,
      { id: orderId },
      { status: to, updatedAt: at, ...(reason ? { reason } : {}) },
    );
    await manager.save(OrderEventEntity, {
      orderId,
      fromStatus: order.status,
      toStatus: to,
      reason,
      details,
      at,
    });
    after.push(() => this.statusChanges.inc({ status: to }));
  }

  private async transitionAndCommit(
    orderId: string,
    to: OrderStatus,
    reason: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    const after: AfterCommit = [];
    await this.dataSource.transaction((manager) =>
      this.transition(manager, orderId, to, reason, details, after),
    );
    after.forEach((run) => run());
  }

  private async timedBroker(
    operation: string,
    call: () => Promise<BrokerReport[]>,
  ): Promise<BrokerReport[]> {
    const startedAt = performance.now();
    let outcome = 'failure';
    try {
      const reports = await call();
      outcome = 'success';
      return reports;
    } finally {
      this.brokerDuration.observe(
        { broker: this.broker.name, operation, outcome },
        (performance.now() - startedAt) / 1000,
      );
    }
  }
}

function toBrokerOrder(order: OrderEntity): BrokerOrder {
  return {
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    limitPrice: order.limitPrice,
  };
}

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { Clock } from '../common/clock/clock';
import {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
} from '../common/errors/database-unavailable';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { SerialQueue } from '../common/serial-queue';
import { MarketDataService } from '../market-data/market-data.service';
import { Watchlist } from '../market-data/watchlist';
import { InjectMetric } from '../observability';
import { PortfolioService } from '../portfolio/portfolio.service';
import { RiskService } from '../risk/risk.service';
import { DENIAL_REASONS } from '../risk/risk.types';
import type { Denial } from '../risk/risk.types';
import { StrategyRegistry } from '../strategies/strategy-registry.service';
import { BrokerUnavailableError } from './broker.errors';
import { BROKER, Broker, BrokerOrder, BrokerReport } from './broker.port';
import { FillEntity } from './fill.entity';
import { openCommitments } from './order-commitments';
import { HeldReports } from './held-reports';
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

interface PriceCheck {
  /** The limit, or the touch when the order was priced; null when there was no price. */
  reference: string | null;
  denial?: Denial;
}

export interface OrderQuery {
  symbol?: string;
  status?: OrderStatus;
  limit: number;
}

/** Statuses a cancel can still reach through the broker. */
const CANCELABLE: readonly OrderStatus[] = ['submitted', 'accepted', 'partially_filled'];

/** The PostgreSQL advisory-lock key that admits one order at a time (any fixed 64-bit number). */
const ORDER_ADMISSION_LOCK_KEY = 7_342_018_771;

/** After-commit metric updates, so a rolled-back transaction counts nothing. */
type AfterCommit = Array<() => void>;

/** Orders from request to fill: idempotent creation, risk, the broker, and every state change journaled. */
@Injectable()
export class OrdersService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OrdersService.name);
  private readonly held = new HeldReports();
  private readonly admission = new SerialQueue();
  private heldRetry?: NodeJS.Timeout;
  private recording?: Promise<void>;

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
    @InjectMetric('broker_reports_held') private readonly heldGauge: Gauge<string>,
  ) {}

  /** Every rejection reason exists at 0 from the start, so increase() sees the first one. */
  onModuleInit(): void {
    for (const reason of [...DENIAL_REASONS, 'broker_rejected']) this.rejected.inc({ reason }, 0);
  }

  /**
   * Everything up to "submitted" is one transaction, so a database outage before the broker is
   * asked leaves nothing behind. Once the broker has the order, a database outage cannot undo
   * it: the broker's reports are held and recorded when the database returns.
   */
  async submit(request: OrderRequest): Promise<SubmitResult> {
    const wanted = { ...request, symbol: this.watchlist.require(request.symbol) };
    if (request.strategy) this.strategies.get(request.strategy);
    await this.recordHeldReports();
    const known = request.clientOrderId ? await this.byClientOrderId(request.clientOrderId) : null;
    if (known) return { order: this.sameOrConflict(known, wanted), created: false };
    if (!this.broker.isConnected())
      throw new BrokerUnavailableError(
        `the broker (${this.broker.name}) is not connected: the order was not taken; try again once it reconnects`,
      );
    const price = await this.price(wanted);
    const after: AfterCommit = [];
    const { order, created, denial } = await this.admission.run(() =>
      this.create(wanted, price, after),
    );
    if (!created) return { order: this.sameOrConflict(order, wanted), created };
    this.submitted.inc({ side: order.side, type: order.type });
    after.forEach((run) => run());
    if (denial) {
      this.rejected.inc({ reason: denial.reason });
      return { order, created };
    }
    try {
      await this.send(order);
      return { order: await this.get(order.id), created };
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      throw new DatabaseUnavailableError(
        `the database became unavailable after order ${order.id} was sent to the broker: ` +
          'what the broker reports is kept and recorded when the database returns; retry with the same clientOrderId to see the order',
      );
    }
  }

  get brokerConnected(): boolean {
    return this.broker.isConnected();
  }

  async cancel(id: string): Promise<OrderEntity> {
    const order = await this.get(id);
    if (!CANCELABLE.includes(order.status))
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
    await this.recordHeldReports();
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

  private byClientOrderId(clientOrderId: string): Promise<OrderEntity | null> {
    return this.dataSource.manager.findOne(OrderEntity, { where: { clientOrderId } });
  }

  /**
   * The order, its first event and its fate up to the broker (denied, or submitted), at once. The
   * risk check runs here, one admission at a time (in this process, then across instances by a
   * transaction-scoped advisory lock), against positions and cash less what open orders already
   * commit: two sells of the same shares cannot both pass and then fail at the fill.
   */
  private create(
    request: OrderRequest & { symbol: string },
    price: PriceCheck,
    after: AfterCommit,
  ): Promise<SubmitResult & { denial?: Denial }> {
    const clientOrderId = request.clientOrderId ?? randomUUID();
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ORDER_ADMISSION_LOCK_KEY]);
      const check = { reference: price.reference, denial: price.denial };
      if (!check.denial) {
        check.denial = await this.risk.check(
          {
            symbol: request.symbol,
            side: request.side,
            quantity: new Decimal(request.quantity),
            price: new Decimal(price.reference!),
            committed: await openCommitments(manager, request.symbol),
          },
          manager,
        );
      }
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
          referencePrice: check.reference,
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
        // the same clientOrderId, committed by a concurrent request since we looked
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
      const { denial } = check;
      if (denial) {
        await this.transition(
          manager,
          id,
          'denied',
          denial.reason,
          { message: denial.message },
          after,
        );
        await this.risk.recordDenial(denial, request.symbol, id, manager);
      } else {
        await this.transition(manager, id, 'submitted', null, { broker: this.broker.name }, after);
      }
      return {
        order: await manager.findOneOrFail(OrderEntity, { where: { id } }),
        created: true,
        denial,
      };
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

  /** The reference price: the limit, or the touch from the quote (a denial when there is none). */
  private async price(order: OrderRequest & { symbol: string }): Promise<PriceCheck> {
    let touch: number;
    try {
      const quote = await this.marketData.quote(order.symbol);
      touch = order.side === 'buy' ? quote.ask : quote.bid;
    } catch {
      return {
        reference: null,
        denial: {
          reason: 'no_price',
          message: `no price for ${order.symbol}: the market data provider is unavailable`,
        },
      };
    }
    return { reference: new Decimal(order.limitPrice ?? touch).toFixed(6) };
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

  /**
   * Records reports in order, each in its own transaction. When the database goes away, the
   * report that failed and those after it are held (the broker has acted on them) and the error
   * is passed on; held reports are recorded first the next time.
   */
  private async applyReports(reports: BrokerReport[]): Promise<void> {
    let index = 0;
    try {
      await this.recordHeldReports();
      for (; index < reports.length; index++) await this.applyOne(reports[index]);
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.holdReports(reports.slice(index));
      throw error;
    }
  }

  private async applyOne(report: BrokerReport): Promise<void> {
    const after: AfterCommit = [];
    await this.dataSource.transaction((manager) => this.applyReport(manager, report, after));
    after.forEach((run) => run());
  }

  private holdReports(reports: BrokerReport[]): void {
    this.held.hold(reports);
    this.heldGauge.set(this.held.size);
    this.logger.warn(
      { held: this.held.size },
      'the database is unavailable: broker reports are held until it returns',
    );
    this.heldRetry ??= setInterval(
      () => void this.recordHeldReports().catch(() => undefined),
      1000,
    );
    this.heldRetry.unref();
  }

  /** Records the held reports, oldest first (one caller at a time); stops at a database outage. */
  recordHeldReports(): Promise<void> {
    if (this.held.size === 0) return Promise.resolve();
    this.recording ??= this.recordHeld().finally(() => (this.recording = undefined));
    return this.recording;
  }

  private async recordHeld(): Promise<void> {
    for (let report = this.held.peek(); report; report = this.held.peek()) {
      try {
        await this.applyOne(report);
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        // recorded before the connection dropped (the commit's answer was lost): nothing to redo
        this.logger.warn(
          { err: error, orderId: report.orderId },
          'a held broker report was not recorded',
        );
      }
      this.held.done();
      this.heldGauge.set(this.held.size);
    }
    clearInterval(this.heldRetry);
    this.heldRetry = undefined;
    this.logger.log('the database is back: every held broker report is recorded');
  }

  onApplicationShutdown(): void {
    clearInterval(this.heldRetry);
    this.heldRetry = undefined;
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

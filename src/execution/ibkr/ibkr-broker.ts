import { Logger, LoggerService } from '@nestjs/common';
import { CommissionReport, EventName, Execution, OrderState, OrderStatus } from '@stoqey/ib';
import Decimal from 'decimal.js';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../common/clock/clock';
import type { Broker, BrokerOrder, BrokerReport } from '../broker.port';
import { createIbApi, IbClient, IbClientFactory } from './ibkr-client';
import {
  decimalOf,
  executionKey,
  ibOrder,
  orderErrorKind,
  orderIdFromRef,
  SOCKET_DOWN,
  statusKind,
  UPSTREAM_LOST,
  UPSTREAM_RESTORED,
  usStock,
} from './ibkr-mapping';
import { IbkrReportQueue } from './ibkr-report-queue';
import { IbkrOptionsError, IbkrRequestError, IbkrUnavailableError } from './ibkr.errors';

export interface IbkrBrokerOptions {
  /** TWS or IB Gateway host. */
  host: string;
  /** TWS: 7497 paper, 7496 live; IB Gateway: 4002 paper, 4001 live. */
  port: number;
  /** Unique among the API clients of one TWS; IB binds our orders to it. */
  clientId: number;
  /** Account for orders when the login manages several; default: the login's own account. */
  account?: string;
  /** Delay before the first reconnect attempt; doubled after each failed one. */
  reconnectDelayMs: number;
  /** Ceiling of the reconnect delay. */
  maxReconnectDelayMs: number;
  /** How long `submit` waits for IB's first word on the order. Default 2000. */
  submitWaitMs?: number;
  /** How long `cancel` waits for IB's confirmation. Default 2000. */
  cancelWaitMs?: number;
  /**
   * How long a fill waits for its commission report before it is reported with fee 0, and how
   * long a cancel waits for executions IB counted in its status but has not sent yet. Default 10000.
   */
  commissionWaitMs?: number;
}

/** Resolves after `ms`, or early (never rejecting) once `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const sleepFor: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

type Phase = 'pending' | 'working' | 'done';
type FillReport = Extract<BrokerReport, { kind: 'fill' }>;

interface TrackedOrder {
  orderId: string;
  ibOrderId: number;
  phase: Phase;
  outcome?: 'filled' | BrokerReport['kind'];
  cancelRequested: boolean;
  cancelRefused: boolean;
  /** IB's latest error text about the order, the reason of a later cancel. */
  message?: string;
  /** Shares of the executions reported so far. */
  executed: Decimal;
  /** A cancel/reject held back until the executions IB's status counted have been reported. */
  held?: { report: BrokerReport; filled: Decimal; since: number };
}

/**
 * Interactive Brokers through TWS / IB Gateway (`@stoqey/ib`). IB answers by callbacks, so the
 * adapter turns them into reports in a queue: `submit` and `cancel` wait briefly for IB's word on
 * their order and return it, `poll` hands out the rest. Each report leaves the queue once.
 */
export class IbkrBroker implements Broker {
  readonly name = 'ibkr';
  readonly keepsOrdersAcrossRestarts = true;
  private readonly queue: IbkrReportQueue;
  private readonly byOrderId = new Map<string, TrackedOrder>();
  private readonly byIbOrderId = new Map<number, TrackedOrder>();
  /** Execution key (execId without its correction suffix) → the execId reported. */
  private readonly executions = new Map<string, string>();
  private readonly waiters = new Set<() => void>();
  private readonly holding = new Set<TrackedOrder>();
  private client?: IbClient;
  private ready = false;
  private upstreamLost = false;
  private stopped = true;
  private nextId = 0;
  private failedAttempts = 0;
  private reconnect?: AbortController;

  constructor(
    private readonly options: IbkrBrokerOptions,
    private readonly clock: Clock,
    private readonly createClient: IbClientFactory = createIbApi,
    private readonly sleep: Sleep = sleepFor,
    private readonly logger: LoggerService = new Logger(IbkrBroker.name),
  ) {
    validate(options);
    this.queue = new IbkrReportQueue(clock, options.commissionWaitMs ?? 10_000, (fill) =>
      this.logger.warn(
        { orderId: fill.orderId, execId: fill.brokerFillId },
        'no commission report in time: the fill is reported with fee 0',
      ),
    );
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.failedAttempts = 0;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.reconnect?.abort();
    this.reconnect = undefined;
    this.dropClient();
  }

  onModuleInit(): void {
    this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  isConnected(): boolean {
    return this.ready && !this.upstreamLost;
  }

  async submit(order: BrokerOrder): Promise<BrokerReport[]> {
    if (!this.byOrderId.has(order.orderId)) {
      const invalid = this.invalid(order);
      if (invalid) return [invalid];
      this.place(this.connectedClient(), order);
    }
    await this.waitFor(this.options.submitWaitMs ?? 2000, () => this.queue.hasReady(order.orderId));
    return this.queue.drain(order.orderId);
  }

  async cancel(order: BrokerOrder): Promise<BrokerReport[]> {
    const tracked = this.byOrderId.get(order.orderId);
    if (!tracked || tracked.phase === 'done') return this.queue.drain(order.orderId);
    const client = this.connectedClient();
    tracked.cancelRequested = true;
    tracked.cancelRefused = false;
    this.request('cancelOrder', () => client.cancelOrder(tracked.ibOrderId));
    await this.waitFor(
      this.options.cancelWaitMs ?? 2000,
      () => (tracked.phase === 'done' && !tracked.held) || tracked.cancelRefused,
    );
    return this.queue.drain(order.orderId);
  }

  async poll(): Promise<BrokerReport[]> {
    this.holding.forEach((order) => this.releaseOverdue(order));
    return this.queue.drain();
  }

  private connect(): void {
    try {
      const { host, port, clientId } = this.options;
      const client = this.createClient({ host, port, clientId });
      this.client = client;
      this.listen(client);
      client.connect(this.options.clientId);
    } catch (error) {
      this.logger.error({ err: error }, 'could not start a connection to TWS');
      this.dropClient();
      this.scheduleReconnect();
    }
  }

  private listen(client: IbClient): void {
    client.on(
      EventName.disconnected,
      this.guard(() => this.onSocketDown(client)),
    );
    client.on(
      EventName.connectionClosed,
      this.guard(() => this.onSocketDown(client)),
    );
    client.on(
      EventName.nextValidId,
      this.guard((id: number) => this.onNextValidId(client, id)),
    );
    client.on(
      EventName.error,
      this.guard((error: Error, code: number, reqId: number) =>
        this.onError(client, error, code, reqId),
      ),
    );
    client.on(
      EventName.info,
      this.guard((message: string, code: number) => this.onInfo(client, message, code)),
    );
    client.on(
      EventName.orderStatus,
      this.guard((id: number, status: OrderStatus, filled?: number) =>
        this.onStatus(id, status, filled),
      ),
    );
    client.on(
      EventName.openOrder,
      this.guard((id: number, _contract: unknown, _order: unknown, state: OrderState) =>
        this.onOpenOrder(id, state),
      ),
    );
    client.on(
      EventName.execDetails,
      this.guard((_reqId: number, _contract: unknown, execution: Execution) =>
        this.onExecution(execution),
      ),
    );
    client.on(
      EventName.commissionReport,
      this.guard((report: CommissionReport) => this.onCommission(report)),
    );
  }

  /** IB's callbacks run inside the library's socket reader: nothing may escape them. */
  private guard<A extends unknown[]>(handle: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        handle(...args);
      } catch (error) {
        this.logger.error({ err: error }, 'an IB callback failed');
      }
      this.waiters.forEach((check) => check());
    };
  }

  private onNextValidId(client: IbClient, id: number): void {
    if (client !== this.client) return;
    this.nextId = Math.max(this.nextId, id);
    if (this.ready) return;
    this.ready = true;
    this.failedAttempts = 0;
    this.logger.log(
      { host: this.options.host, port: this.options.port, clientId: this.options.clientId },
      'connected to TWS',
    );
    this.catchUp(client);
  }

  /** Asks for what may have happened while we were away; duplicates are dropped on arrival. */
  private catchUp(client: IbClient): void {
    client.reqOpenOrders();
    client.reqExecutions(this.nextId++, {
      clientId: String(this.options.clientId),
      ...(this.options.account ? { acctCode: this.options.account } : {}),
    });
  }

  private onSocketDown(client: IbClient | undefined): void {
    if (client === undefined || client !== this.client) return;
    const wasReady = this.ready;
    this.dropClient();
    if (this.stopped) return;
    const retryInMs = this.scheduleReconnect();
    this.logger.warn(
      { host: this.options.host, port: this.options.port, retryInMs },
      wasReady ? 'TWS connection lost' : 'could not connect to TWS',
    );
  }

  private dropClient(): void {
    const client = this.client;
    this.client = undefined;
    this.ready = false;
    this.upstreamLost = false;
    this.attempt('detach', () => client?.removeAllListeners());
    this.attempt('disconnect', () => client?.disconnect());
  }

  /** The delay before the next attempt, when one is newly scheduled. */
  private scheduleReconnect(): number | undefined {
    if (this.reconnect || this.stopped) return undefined;
    const { reconnectDelayMs, maxReconnectDelayMs } = this.options;
    const wait = Math.min(reconnectDelayMs * 2 ** this.failedAttempts, maxReconnectDelayMs);
    this.failedAttempts++;
    const abort = new AbortController();
    this.reconnect = abort;
    void this.sleep(wait, abort.signal)
      .catch(() => undefined)
      .then(() => {
        if (this.reconnect !== abort) return;
        this.reconnect = undefined;
        if (!this.stopped) this.connect();
      });
    return wait;
  }

  private onError(client: IbClient, error: Error, code: number, reqId: number): void {
    const message = this.redact(error.message);
    const tracked = this.byIbOrderId.get(reqId);
    if (tracked) return this.onOrderError(client, tracked, code, message, error);
    this.logger.warn({ code, reqId, message }, 'TWS error');
    if (SOCKET_DOWN.includes(code) && this.ready) this.onSocketDown(client);
    else this.onInfo(client, message, code);
  }

  private onOrderError(
    client: IbClient,
    order: TrackedOrder,
    code: number,
    message: string,
    error: Error,
  ): void {
    const text = `IB ${code}: ${message}`;
    switch (orderErrorKind(code, error)) {
      case 'notice':
        return this.logger.log({ orderId: order.orderId, code, message }, 'TWS notice');
      case 'cancel_refused':
        order.cancelRefused = true;
        return this.logger.warn({ orderId: order.orderId, code, message }, 'cancel refused');
      case 'canceled':
        order.message = text;
        return;
      case 'duplicate_id':
        this.attempt('reqIds', () => client.reqIds());
        return this.fail(order, text);
      case 'failure':
        return this.fail(order, text);
    }
  }

  /** Before IB confirms the order, an error rejects it; after, IB's status will say what it did. */
  private fail(order: TrackedOrder, text: string): void {
    order.message = text;
    if (order.phase === 'pending') this.finish(order, this.rejected(order, text));
  }

  private onInfo(client: IbClient, message: string, code: number): void {
    if (code === UPSTREAM_LOST) {
      this.upstreamLost = true;
      this.logger.warn({ code, message }, 'TWS lost its link to IB');
    } else if (UPSTREAM_RESTORED.includes(code) && this.upstreamLost) {
      this.upstreamLost = false;
      this.logger.log({ code }, 'TWS link to IB restored');
      if (client === this.client && this.ready) this.catchUp(client);
    }
  }

  /** Ends an order only on orderStatus, which counts the shares IB has filled. */
  private onStatus(ibOrderId: number, status: string, filled: number | undefined): void {
    const order = this.byIbOrderId.get(ibOrderId);
    if (!order) return;
    switch (statusKind(status)) {
      case 'working':
        return this.accept(order);
      case 'filled':
        return this.conclude(order, 'filled');
      case 'canceled':
        return this.finish(order, this.canceledOrExpired(order), filled);
      case 'inactive':
        return this.finish(order, this.inactive(order, filled), filled);
    }
  }

  /** IB's Inactive: rejected if nothing came of the order yet, else it ended early. */
  private inactive(order: TrackedOrder, filled: number | undefined): BrokerReport {
    return order.phase === 'pending' && !(Number(filled) > 0)
      ? this.rejected(order, order.message ?? 'inactive at IB')
      : this.canceledOrExpired(order);
  }

  private onOpenOrder(ibOrderId: number, state: OrderState): void {
    const order = this.byIbOrderId.get(ibOrderId);
    if (!order) return;
    if (state.completedStatus) order.message = this.redact(state.completedStatus);
    if (statusKind(state.status) === 'working') this.accept(order);
  }

  private accept(order: TrackedOrder): void {
    if (order.phase === 'pending') {
      order.phase = 'working';
      this.queue.push({
        kind: 'accepted',
        orderId: order.orderId,
        brokerOrderId: String(order.ibOrderId),
        at: this.clock.now(),
      });
    } else if (order.outcome === 'rejected') {
      this.logger.error(
        { orderId: order.orderId, ibOrderId: order.ibOrderId },
        'IB works an order reported as rejected: canceling it',
      );
      this.attempt('cancelOrder', () => this.client?.cancelOrder(order.ibOrderId));
    }
  }

  /** A terminal report goes out after the fills IB counted (`filled`), so it never overtakes them. */
  private finish(order: TrackedOrder, report: BrokerReport, filled?: number): void {
    if (order.phase === 'done') return;
    this.conclude(order, report.kind);
    if (filled === undefined || order.executed.gte(filled)) return this.queue.push(report);
    order.held = { report, filled: new Decimal(filled), since: this.clock.now().getTime() };
    this.holding.add(order);
  }

  private releaseHeld(order: TrackedOrder): void {
    if (!order.held || order.executed.lt(order.held.filled)) return;
    this.release(order);
  }

  private releaseOverdue(order: TrackedOrder): void {
    const waited = this.clock.now().getTime() - (order.held?.since ?? Infinity);
    if (waited < (this.options.commissionWaitMs ?? 10_000)) return;
    this.logger.warn(
      { orderId: order.orderId, executed: order.executed.toString() },
      'IB counted fills it has not sent in time: reporting the order ended without them',
    );
    this.release(order);
  }

  private release(order: TrackedOrder): void {
    if (order.held) this.queue.push(order.held.report);
    order.held = undefined;
    this.holding.delete(order);
  }

  private conclude(order: TrackedOrder, outcome: TrackedOrder['outcome']): void {
    order.phase = 'done';
    order.outcome ??= outcome;
  }

  private onExecution(execution: Execution): void {
    const tracked = this.byIbOrderId.get(execution.orderId ?? NaN);
    const orderId = tracked?.orderId ?? orderIdFromRef(execution.orderRef);
    if (orderId === undefined) return;
    const fill = this.fillOf(orderId, execution);
    if (!fill) {
      this.logger.error({ orderId, execId: execution.execId }, 'IB sent an unusable execution');
      return;
    }
    if (!this.isNewExecution(fill.brokerFillId)) return;
    this.queue.pushFill(fill);
    if (!tracked) return;
    if (tracked.phase === 'pending') tracked.phase = 'working';
    tracked.executed = tracked.executed.plus(fill.quantity);
    this.releaseHeld(tracked);
  }

  /** The fee is set when IB's commission report for the execution arrives. */
  private fillOf(orderId: string, execution: Execution): FillReport | undefined {
    const quantity = decimalOf(execution.shares);
    const price = decimalOf(execution.price);
    if (!execution.execId || !quantity || !price || !(Number(quantity) > 0)) return undefined;
    const at = this.clock.now();
    return { kind: 'fill', orderId, brokerFillId: execution.execId, quantity, price, fee: '0', at };
  }

  private isNewExecution(execId: string): boolean {
    const key = executionKey(execId);
    const seen = this.executions.get(key);
    if (seen === undefined) {
      this.executions.set(key, execId);
      return true;
    }
    if (seen !== execId)
      this.logger.error(
        { execId, corrects: seen },
        'IB corrected a reported execution: not applied',
      );
    return false;
  }

  private onCommission(report: CommissionReport): void {
    const fee = decimalOf(report.commission);
    if (!report.execId || fee === undefined) return;
    if (!this.queue.settle(report.execId, fee) && this.executions.has(executionKey(report.execId)))
      this.logger.warn({ execId: report.execId, fee }, 'late commission report: not applied');
  }

  private place(client: IbClient, order: BrokerOrder): void {
    const tracked: TrackedOrder = {
      orderId: order.orderId,
      ibOrderId: this.nextId++,
      phase: 'pending',
      cancelRequested: false,
      cancelRefused: false,
      executed: new Decimal(0),
    };
    this.byOrderId.set(order.orderId, tracked);
    this.byIbOrderId.set(tracked.ibOrderId, tracked);
    try {
      client.placeOrder(
        tracked.ibOrderId,
        usStock(order.symbol),
        ibOrder(order, this.options.account),
      );
    } catch (error) {
      this.byOrderId.delete(order.orderId);
      this.byIbOrderId.delete(tracked.ibOrderId);
      throw new IbkrRequestError(`placeOrder failed: ${this.redact(describe(error))}`);
    }
  }

  private invalid(order: BrokerOrder): BrokerReport | undefined {
    const bad =
      !(Number(order.quantity) > 0) || (order.type === 'limit' && !(Number(order.limitPrice) > 0));
    if (!bad) return undefined;
    return {
      kind: 'rejected',
      orderId: order.orderId,
      reason: 'IB needs a positive quantity and, for a limit order, a positive limit price',
      at: this.clock.now(),
    };
  }

  private connectedClient(): IbClient {
    if (!this.client || !this.isConnected())
      throw new IbkrUnavailableError('Interactive Brokers is not connected');
    return this.client;
  }

  private request(what: string, call: () => unknown): void {
    try {
      call();
    } catch (error) {
      throw new IbkrRequestError(`${what} failed: ${this.redact(describe(error))}`);
    }
  }

  private attempt(what: string, call: () => unknown): void {
    try {
      call();
    } catch (error) {
      this.logger.warn({ err: error }, `${what} failed`);
    }
  }

  private rejected(order: TrackedOrder, reason: string): BrokerReport {
    return { kind: 'rejected', orderId: order.orderId, reason, at: this.clock.now() };
  }

  /** IB reports a DAY/GTD order that ran out as Cancelled; only its text tells an expiry. */
  private canceledOrExpired(order: TrackedOrder): BrokerReport {
    const at = this.clock.now();
    if (!order.cancelRequested && /expir/i.test(order.message ?? ''))
      return { kind: 'expired', orderId: order.orderId, at };
    const reason =
      order.message ?? (order.cancelRequested ? 'canceled by request' : 'canceled at IB');
    return { kind: 'canceled', orderId: order.orderId, reason, at };
  }

  private async waitFor(ms: number, done: () => boolean): Promise<void> {
    if (done()) return;
    const abort = new AbortController();
    const check = () => {
      if (done()) abort.abort();
    };
    this.waiters.add(check);
    try {
      await this.sleep(ms, abort.signal);
    } finally {
      this.waiters.delete(check);
    }
  }

  private redact(text: string): string {
    const { account } = this.options;
    return account ? text.replaceAll(account, '[account]') : text;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function validate(options: IbkrBrokerOptions): void {
  const problems = [
    !options.host && 'host is required',
    !(Number.isInteger(options.port) && options.port > 0) && 'port must be a positive integer',
    !Number.isInteger(options.clientId) && 'clientId must be an integer',
    !(options.reconnectDelayMs > 0) && 'reconnectDelayMs must be positive',
    !(options.maxReconnectDelayMs >= options.reconnectDelayMs) &&
      'maxReconnectDelayMs must be at least reconnectDelayMs',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new IbkrOptionsError(problems);
}

import {
  CommissionReport,
  Contract,
  ErrorCode,
  EventName,
  Execution,
  IBApi,
  Order,
  OrderState,
  OrderStatus,
  OrderType,
  SecType,
} from '@stoqey/ib';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../common/clock/clock';
import type { BrokerOrder } from '../broker.port';
import { IbkrBroker, IbkrBrokerOptions, Sleep } from './ibkr-broker';
import { createIbApi, IbEndpoint } from './ibkr-client';
import { IbkrOptionsError, IbkrUnavailableError } from './ibkr.errors';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function until(condition: () => boolean, ticks = 200): Promise<void> {
  for (let i = 0; i < ticks && !condition(); i++) await tick();
  if (!condition()) throw new Error('condition not met');
}

type Connection = 'accept' | 'refuse';

const STOCK: Contract = {
  conId: 265598,
  symbol: 'AAPL',
  secType: SecType.STK,
  exchange: 'SMART',
  currency: 'USD',
};

/**
 * A fake of `@stoqey/ib`'s `IBApi` surface: the methods the adapter calls, and the library's
 * events with the argument order of its typings (error: Error, code, reqId), emitted on a later
 * turn of the event loop as the socket reader would.
 */
class FakeIbApi extends EventEmitter {
  readonly placed: Array<{ id: number; contract: Contract; order: Order }> = [];
  readonly canceled: number[] = [];
  readonly execRequests: Array<{ reqId: number; clientId?: string; acctCode?: string }> = [];
  openOrderRequests = 0;
  clientId?: number;
  disconnects = 0;
  onPlace: (id: number, order: Order) => void = () => undefined;
  onCancel: (id: number) => void = () => undefined;

  constructor(
    readonly endpoint: IbEndpoint,
    private readonly connection: Connection,
    private readonly firstOrderId: number,
  ) {
    super();
  }

  connect(clientId?: number): this {
    this.clientId = clientId;
    this.later(() => (this.connection === 'accept' ? this.accept() : this.refuse()));
    return this;
  }

  disconnect(): this {
    this.disconnects++;
    this.later(() => this.emit(EventName.disconnected));
    return this;
  }

  reqIds(): this {
    this.later(() => this.emit(EventName.nextValidId, this.firstOrderId + 1000));
    return this;
  }

  placeOrder(id: number, contract: Contract, order: Order): this {
    this.placed.push({ id, contract, order });
    this.later(() => this.onPlace(id, order));
    return this;
  }

  cancelOrder(id: number): this {
    this.canceled.push(id);
    this.later(() => this.onCancel(id));
    return this;
  }

  reqOpenOrders(): this {
    this.openOrderRequests++;
    return this;
  }

  reqExecutions(reqId: number, filter: { clientId?: string; acctCode?: string }): this {
    this.execRequests.push({ reqId, ...filter });
    return this;
  }

  status(id: number, status: OrderStatus, filled = 0, remaining = 0, avgFillPrice = 0): void {
    this.emit(EventName.orderStatus, id, status, filled, remaining, avgFillPrice, 9000 + id, 0);
  }

  openOrder(id: number, order: Order, state: Partial<OrderState> & { status: OrderStatus }): void {
    this.emit(EventName.openOrder, id, STOCK, order, state);
  }

  execution(execution: Execution): void {
    this.emit(EventName.execDetails, -1, STOCK, {
      time: '20260302 10:00:01 America/New_York',
      exchange: 'ISLAND',
      side: 'BOT',
      clientId: this.clientId,
      ...execution,
    });
  }

  commission(execId: string, commission: number): void {
    const report: CommissionReport = {
      execId,
      commission,
      currency: 'USD',
      realizedPNL: Number.MAX_VALUE,
      yield: Number.MAX_VALUE,
      yieldRedemptionDate: 0,
    };
    this.emit(EventName.commissionReport, report);
  }

  error(reqId: number, code: number, message: string): void {
    this.emit(EventName.error, new Error(message), code, reqId, undefined);
  }

  info(code: number, message: string): void {
    this.emit(EventName.info, message, code);
  }

  drop(): void {
    this.emit(EventName.disconnected);
  }

  private accept(): void {
    this.emit(EventName.connected);
    this.emit(EventName.server, 187, '20260302 09:30:00 UTC');
    this.emit(EventName.nextValidId, this.firstOrderId);
  }

  private refuse(): void {
    this.error(
      ErrorCode.NO_VALID_ID,
      ErrorCode.CONNECT_FAIL,
      'connect ECONNREFUSED 127.0.0.1:7497',
    );
    this.emit(EventName.disconnected);
  }

  private later(run: () => void): void {
    setImmediate(run);
  }
}

const order = (overrides: Partial<BrokerOrder> = {}): BrokerOrder => ({
  orderId: '1',
  clientOrderId: 'c1',
  symbol: 'AAPL',
  side: 'buy',
  type: 'market',
  quantity: '100',
  limitPrice: null,
  ...overrides,
});

const OPTIONS: IbkrBrokerOptions = {
  host: '127.0.0.1',
  port: 7497,
  clientId: 7,
  reconnectDelayMs: 100,
  maxReconnectDelayMs: 1000,
  commissionWaitMs: 5000,
};

function setup(options: Partial<IbkrBrokerOptions> = {}, connections: Connection[] = []) {
  const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
  const clients: FakeIbApi[] = [];
  const sleeps: number[] = [];
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const sleep: Sleep = (ms, signal) => {
    sleeps.push(ms);
    return new Promise((resolve) => {
      signal?.addEventListener('abort', () => resolve());
      void (async () => {
        for (let i = 0; i < 5; i++) await tick();
        resolve();
      })();
    });
  };
  const broker = new IbkrBroker(
    { ...OPTIONS, ...options },
    clock,
    (endpoint) => {
      const fake = new FakeIbApi(endpoint, connections[clients.length] ?? 'accept', 100);
      clients.push(fake);
      return fake;
    },
    sleep,
    logger,
  );
  const ib = () => clients[clients.length - 1];
  return { broker, clock, clients, ib, sleeps, logger };
}

type Context = ReturnType<typeof setup>;

async function connected(options: Partial<IbkrBrokerOptions> = {}): Promise<Context> {
  const context = setup(options);
  context.broker.start();
  await until(() => context.broker.isConnected());
  return context;
}

/** Submits, with IB confirming the order as TWS does: openOrder, then orderStatus. */
async function accepted(context: Context, request: BrokerOrder) {
  const ib = context.ib();
  ib.onPlace = (id, placed) => {
    ib.openOrder(id, placed, { status: OrderStatus.PreSubmitted });
    ib.status(id, OrderStatus.Submitted, 0, Number(request.quantity));
  };
  const reports = await context.broker.submit(request);
  return { reports, id: ib.placed[ib.placed.length - 1].id };
}

describe('IbkrBroker', () => {
  describe('connection', () => {
    it('connects on start with its client id and is connected once IB sends nextValidId', async () => {
      const { broker, ib } = setup({ account: 'DU1234567' });
      expect(broker.isConnected()).toBe(false);
      broker.start();
      expect(ib().endpoint).toEqual({ host: '127.0.0.1', port: 7497, clientId: 7 });
      expect(ib().clientId).toBe(7);
      await until(() => broker.isConnected());
      expect(ib().openOrderRequests).toBe(1);
      expect(ib().execRequests).toEqual([{ reqId: 100, clientId: '7', acctCode: 'DU1234567' }]);
    });

    it('numbers orders from nextValidId upwards', async () => {
      const context = await connected();
      await accepted(context, order({ orderId: '1' }));
      await accepted(context, order({ orderId: '2' }));
      expect(context.ib().placed.map((placed) => placed.id)).toEqual([101, 102]);
    });

    it('refuses orders while disconnected with a typed error', async () => {
      const { broker } = setup();
      await expect(broker.submit(order())).rejects.toBeInstanceOf(IbkrUnavailableError);
    });

    it('reconnects with a doubling, capped backoff on a new client, then resets the backoff', async () => {
      const context = setup({ maxReconnectDelayMs: 300 }, [
        'accept',
        'refuse',
        'refuse',
        'refuse',
        'accept',
      ]);
      const { broker, clients, sleeps } = context;
      broker.start();
      await until(() => broker.isConnected());
      clients[0].drop();
      expect(broker.isConnected()).toBe(false);
      await until(() => broker.isConnected());
      expect(sleeps).toEqual([100, 200, 300, 300]);
      expect(clients).toHaveLength(5);
      expect(clients[0].listenerCount(EventName.orderStatus)).toBe(0);
      expect(clients[4].listenerCount(EventName.orderStatus)).toBe(1);

      clients[4].drop();
      await until(() => broker.isConnected());
      expect(sleeps).toEqual([100, 200, 300, 300, 100]);
    });

    it('treats a lost link between TWS and IB as disconnected until it is restored', async () => {
      const { broker, ib } = await connected();
      ib().info(1100, 'Connectivity between IB and Trader Workstation has been lost.');
      expect(broker.isConnected()).toBe(false);
      await expect(broker.submit(order())).rejects.toBeInstanceOf(IbkrUnavailableError);
      ib().info(1102, 'Connectivity between IB and TWS has been restored - data maintained.');
      expect(broker.isConnected()).toBe(true);
      expect(ib().execRequests).toHaveLength(2);
    });

    it('stops cleanly: disconnects and does not reconnect', async () => {
      const { broker, clients, sleeps } = await connected();
      broker.stop();
      expect(broker.isConnected()).toBe(false);
      expect(clients[0].disconnects).toBe(1);
      for (let i = 0; i < 10; i++) await tick();
      expect(clients).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });
  });

  describe('orders', () => {
    it('places a market order for a US stock on SMART in USD, accepted once', async () => {
      const context = await connected({ account: 'DU1234567' });
      const { reports, id } = await accepted(context, order({ orderId: '42' }));
      expect(reports).toEqual([
        { kind: 'accepted', orderId: '42', brokerOrderId: String(id), at: context.clock.now() },
      ]);
      expect(context.ib().placed[0]).toEqual({
        id,
        contract: { symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' },
        order: {
          action: 'BUY',
          orderType: 'MKT',
          totalQuantity: 100,
          tif: 'DAY',
          transmit: true,
          orderRef: 'tradewatch:42',
          account: 'DU1234567',
        },
      });
      context.ib().status(id, OrderStatus.Submitted, 0, 100);
      expect(await context.broker.poll()).toEqual([]);
    });

    it('reports two partial executions as two fills, each with its commission', async () => {
      const context = await connected();
      const { broker, ib } = context;
      const { id } = await accepted(context, order({ side: 'sell' }));
      ib().execution({ orderId: id, execId: '0000e0d5.6553d1a8.01.01', shares: 60, price: 187.12 });
      ib().status(id, OrderStatus.Submitted, 60, 40, 187.12);
      expect(await broker.poll()).toEqual([]);
      ib().commission('0000e0d5.6553d1a8.01.01', 1.0);
      ib().execution({ orderId: id, execId: '0000e0d5.6553d1a9.01.01', shares: 40, price: 187.15 });
      ib().status(id, OrderStatus.Filled, 100, 0, 187.132);
      ib().commission('0000e0d5.6553d1a9.01.01', 0.35);
      const fills = await broker.poll();
      expect(fills).toEqual([
        expect.objectContaining({
          kind: 'fill',
          orderId: '1',
          brokerFillId: '0000e0d5.6553d1a8.01.01',
          quantity: '60',
          price: '187.12',
          fee: '1',
        }),
        expect.objectContaining({
          kind: 'fill',
          orderId: '1',
          brokerFillId: '0000e0d5.6553d1a9.01.01',
          quantity: '40',
          price: '187.15',
          fee: '0.35',
        }),
      ]);
      expect(await broker.poll()).toEqual([]);
    });

    it('reports an execution IB sends again (and its commission) once, and ignores corrections', async () => {
      const context = await connected();
      const { broker, ib, logger } = context;
      const { id } = await accepted(context, order());
      const execution = { orderId: id, execId: '00018037.55a2b0c1.01.01', shares: 100, price: 50 };
      ib().execution(execution);
      ib().commission(execution.execId, 0.5);
      ib().execution(execution);
      ib().commission(execution.execId, 0.5);
      ib().execution({ ...execution, execId: '00018037.55a2b0c1.01.02', price: 50.01 });
      const reports = await broker.poll();
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ brokerFillId: execution.execId, fee: '0.5' });
      expect(logger.error).toHaveBeenCalledWith(
        expect.objectContaining({ execId: '00018037.55a2b0c1.01.02' }),
        expect.stringContaining('corrected'),
      );
      expect(await broker.poll()).toEqual([]);
    });

    it('reports a fill with fee 0 when its commission report does not come in time', async () => {
      const context = await connected();
      const { broker, ib, clock, logger } = context;
      const { id } = await accepted(context, order());
      ib().execution({ orderId: id, execId: 'e1', shares: 100, price: 50 });
      clock.advance(4999);
      expect(await broker.poll()).toEqual([]);
      clock.advance(1);
      expect(await broker.poll()).toEqual([
        expect.objectContaining({ brokerFillId: 'e1', fee: '0' }),
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        { orderId: '1', execId: 'e1' },
        expect.stringContaining('fee 0'),
      );
      ib().commission('e1', 1);
      expect(await broker.poll()).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        { execId: 'e1', fee: '1' },
        expect.stringContaining('late commission'),
      );
    });

    it('recovers the order of an execution from its orderRef (orders placed before a restart)', async () => {
      const { broker, ib } = await connected();
      ib().execution({ orderId: 77, orderRef: 'tradewatch:9', execId: 'e9', shares: 5, price: 10 });
      ib().execution({
        orderId: 78,
        orderRef: 'someone-else',
        execId: 'e10',
        shares: 5,
        price: 10,
      });
      ib().commission('e9', 1);
      ib().commission('e10', 1);
      expect(await broker.poll()).toEqual([
        expect.objectContaining({ orderId: '9', brokerFillId: 'e9', quantity: '5', fee: '1' }),
      ]);
    });
  });

  describe('cancel', () => {
    it('cancels a resting limit order and returns the canceled report', async () => {
      const context = await connected();
      const { broker, ib } = context;
      const limit = order({ type: 'limit', limitPrice: '150.5', quantity: '10' });
      const { id } = await accepted(context, limit);
      expect(ib().placed[0].order).toMatchObject({ orderType: 'LMT', lmtPrice: 150.5 });
      ib().onCancel = (canceled) => {
        ib().status(canceled, OrderStatus.PendingCancel, 0, 10);
        ib().error(canceled, ErrorCode.ORDER_CANCELLED, 'Order Canceled - reason:');
        ib().status(canceled, OrderStatus.Cancelled, 0, 10);
      };
      const reports = await broker.cancel(limit);
      expect(ib().canceled).toEqual([id]);
      expect(reports).toEqual([
        {
          kind: 'canceled',
          orderId: '1',
          reason: 'IB 202: Order Canceled - reason:',
          at: context.clock.now(),
        },
      ]);
      expect(await broker.poll()).toEqual([]);
      expect(await broker.cancel(limit)).toEqual([]);
    });

    it('returns nothing when IB says the order can no longer be canceled', async () => {
      const context = await connected();
      const { broker, ib } = context;
      const { id } = await accepted(context, order());
      ib().status(id, OrderStatus.Filled, 100, 0, 10);
      expect(await broker.cancel(order())).toEqual([]);
      expect(ib().canceled).toEqual([]);

      const other = order({ orderId: '2', type: 'limit', limitPrice: '9' });
      await accepted(context, other);
      ib().onCancel = (canceled) =>
        ib().error(canceled, 10148, 'OrderId 102 that needs to be cancelled cannot be cancelled');
      expect(await broker.cancel(other)).toEqual([]);
    });

    it('never lets a cancel overtake a fill still waiting for its commission', async () => {
      const context = await connected();
      const { broker, ib } = context;
      const limit = order({ type: 'limit', limitPrice: '20', quantity: '10' });
      const { id } = await accepted(context, limit);
      ib().execution({ orderId: id, execId: 'p1', shares: 4, price: 20 });
      ib().onCancel = (canceled) => ib().status(canceled, OrderStatus.Cancelled, 4, 6);
      expect(await broker.cancel(limit)).toEqual([]);
      ib().commission('p1', 1);
      expect((await broker.poll()).map((report) => report.kind)).toEqual(['fill', 'canceled']);
    });

    it('holds a cancel back until the executions IB counted in it have arrived', async () => {
      const context = await connected();
      const { broker, ib } = context;
      const limit = order({ type: 'limit', limitPrice: '20', quantity: '10' });
      const { id } = await accepted(context, limit);
      ib().onCancel = (canceled) => ib().status(canceled, OrderStatus.Cancelled, 4, 6);
      const canceling = broker.cancel(limit);
      await until(() => ib().canceled.length > 0);
      await tick();
      ib().execution({ orderId: id, execId: 'late', shares: 4, price: 20 });
      ib().commission('late', 1);
      expect((await canceling).map((report) => report.kind)).toEqual(['fill', 'canceled']);
    });

    it('reports the cancel without executions IB never sends, after the wait', async () => {
      const context = await connected();
      const { broker, ib, clock, logger } = context;
      const { id } = await accepted(context, order({ type: 'limit', limitPrice: '20' }));
      ib().status(id, OrderStatus.Cancelled, 4, 96);
      expect(await broker.poll()).toEqual([]);
      clock.advance(5000);
      expect(await broker.poll()).toEqual([expect.objectContaining({ kind: 'canceled' })]);
      expect(logger.warn).toHaveBeenCalledWith(
        { orderId: '1', executed: '0' },
        expect.stringContaining('has not sent'),
      );
    });

    it('reports an order IB cancels on its own for running out of time as expired', async () => {
      const context = await connected();
      const { broker, ib } = context;
      const limit = order({ type: 'limit', limitPrice: '1' });
      const { id } = await accepted(context, limit);
      ib().openOrder(
        id,
        { orderType: OrderType.LMT },
        { status: OrderStatus.Cancelled, completedStatus: 'Order expired' },
      );
      ib().status(id, OrderStatus.Cancelled, 0, 100);
      expect(await broker.poll()).toEqual([
        { kind: 'expired', orderId: '1', at: context.clock.now() },
      ]);
    });
  });

  describe('rejections', () => {
    it('rejects with the IB message when IB refuses the order', async () => {
      const { broker, ib } = await connected({ account: 'DU1234567' });
      ib().onPlace = (id) => {
        ib().error(
          id,
          201,
          'Order rejected - reason: account DU1234567 has no trading permissions',
        );
        ib().status(id, OrderStatus.Inactive);
      };
      const reports = await broker.submit(order());
      expect(reports).toEqual([
        expect.objectContaining({
          kind: 'rejected',
          orderId: '1',
          reason: 'IB 201: Order rejected - reason: account [account] has no trading permissions',
        }),
      ]);
      expect(await broker.poll()).toEqual([]);
    });

    it('ignores IB warnings and notices about an order', async () => {
      const context = await connected();
      context.ib().onPlace = (id, placed) => {
        context.ib().error(id, 399, 'Order Message: Warning: your order will not be placed yet');
        context.ib().error(id, 404, 'Order held while securities are located.');
        context.ib().error(id, 2109, 'Order Event Warning: outside regular trading hours');
        context.ib().openOrder(id, placed, { status: OrderStatus.PreSubmitted });
      };
      const reports = await context.broker.submit(order());
      expect(reports.map((report) => report.kind)).toEqual(['accepted']);
    });

    it('reports an accepted order IB then makes inactive as canceled, with the IB message', async () => {
      const context = await connected();
      const { broker, ib } = context;
      const { id } = await accepted(context, order());
      ib().error(id, 201, 'Order rejected - reason: margin');
      ib().status(id, OrderStatus.Inactive);
      expect(await broker.poll()).toEqual([
        expect.objectContaining({
          kind: 'canceled',
          reason: 'IB 201: Order rejected - reason: margin',
        }),
      ]);
    });

    it('cancels at IB an order it works after it was reported rejected', async () => {
      const { broker, ib, logger } = await connected();
      ib().onPlace = (id) => ib().error(id, 200, 'No security definition has been found');
      await broker.submit(order());
      ib().status(101, OrderStatus.Submitted, 0, 100);
      expect(ib().canceled).toEqual([101]);
      expect(logger.error).toHaveBeenCalled();
      expect(await broker.poll()).toEqual([]);
    });

    it('rejects an order IB could not take without asking IB', async () => {
      const { broker, ib } = await connected();
      const reports = await broker.submit(order({ type: 'limit', limitPrice: null }));
      expect(reports).toEqual([expect.objectContaining({ kind: 'rejected', orderId: '1' })]);
      expect(ib().placed).toEqual([]);
    });

    it('asks for fresh ids after a duplicate order id', async () => {
      const context = await connected();
      const { broker, ib } = context;
      ib().onPlace = (id) => ib().error(id, 103, 'Duplicate order id');
      expect((await broker.submit(order()))[0]).toMatchObject({ kind: 'rejected' });
      await tick();
      await accepted(context, order({ orderId: '2' }));
      expect(ib().placed.map((placed) => placed.id)).toEqual([101, 1100]);
    });
  });

  describe('robustness', () => {
    it('never throws out of an IB callback and keeps working', async () => {
      const context = await connected();
      const { broker, ib, logger } = context;
      const { id } = await accepted(context, order());
      expect(() => ib().emit(EventName.execDetails, -1, {}, undefined)).not.toThrow();
      expect(() => ib().emit(EventName.openOrder, id, {}, {}, undefined)).not.toThrow();
      expect(() => ib().emit(EventName.commissionReport, undefined)).not.toThrow();
      expect(() => ib().emit(EventName.error, undefined, 1, id)).not.toThrow();
      expect(() => ib().emit(EventName.orderStatus, id, 'Bogus')).not.toThrow();
      expect(logger.error).toHaveBeenCalled();
      ib().execution({ orderId: id, execId: 'ok', shares: 1, price: 1 });
      ib().commission('ok', 0.01);
      expect(await broker.poll()).toEqual([expect.objectContaining({ brokerFillId: 'ok' })]);
    });

    it('rejects options that cannot work', () => {
      const { clock } = setup();
      expect(() => new IbkrBroker({ ...OPTIONS, port: 0, reconnectDelayMs: 0 }, clock)).toThrow(
        IbkrOptionsError,
      );
    });

    it('builds a real, unconnected IBApi that leaves .env and IB_* variables alone', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ibkr-dotenv-'));
      writeFileSync(join(dir, '.env'), 'TRADEWATCH_IBKR_DOTENV_PROBE=loaded\n');
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const api = createIbApi({ host: '127.0.0.1', port: 7497, clientId: 7 });
        expect(api).toBeInstanceOf(IBApi);
        expect((api as IBApi).isConnected).toBe(false);
        expect(process.env.TRADEWATCH_IBKR_DOTENV_PROBE).toBeUndefined();
        new IBApi();
        expect(process.env.TRADEWATCH_IBKR_DOTENV_PROBE).toBe('loaded');
      } finally {
        process.chdir(cwd);
        delete process.env.TRADEWATCH_IBKR_DOTENV_PROBE;
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

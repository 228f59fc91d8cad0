import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ManualClock } from '../../common/clock/clock';
import type { BrokerOrder, BrokerReport } from '../broker.port';
import { IbkrBroker, IbkrBrokerOptions } from './ibkr-broker';

/**
 * The adapter on the real `@stoqey/ib` client, against a stand-in for TWS on the loopback
 * interface that speaks the API's wire protocol (V100+ framing: a 4-byte length, then
 * NUL-terminated fields) at server version 100, answering the few messages the adapter sends.
 */
const SERVER_VERSION = 100;
const IN = { PLACE_ORDER: '3', CANCEL_ORDER: '4', START_API: '71' };
const OUT = { ORDER_STATUS: 3, ERR_MSG: 4, NEXT_VALID_ID: 9, EXECUTION_DATA: 11, COMMISSION: 59 };

type Field = string | number;

class FakeTws {
  readonly frames: string[][] = [];
  readonly sockets: Socket[] = [];
  onPlace: (socket: Socket, id: number) => void = () => undefined;
  onCancel: (socket: Socket, id: number) => void = () => undefined;
  private server?: Server;

  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  send(socket: Socket, fields: Field[]): void {
    const payload = Buffer.from(fields.map(String).join('\0') + '\0');
    const length = Buffer.alloc(4);
    length.writeInt32BE(payload.length);
    socket.write(Buffer.concat([length, payload]));
  }

  orderStatus(socket: Socket, id: number, status: string, filled: number, remaining: number) {
    this.send(socket, [
      OUT.ORDER_STATUS,
      6,
      id,
      status,
      filled,
      remaining,
      0,
      5000 + id,
      0,
      0,
      7,
      '',
    ]);
  }

  error(socket: Socket, id: number, code: number, message: string): void {
    this.send(socket, [OUT.ERR_MSG, 2, id, code, message]);
  }

  execution(socket: Socket, id: number, execId: string, shares: number, price: number): void {
    const contract = [265598, 'AAPL', 'STK', '', 0, '', '', 'ISLAND', 'USD', 'AAPL', 'NMS'];
    const execution = [execId, '20260302 15:00:01', 'DU1234567', 'ISLAND', 'BOT', shares, price];
    const rest = [5000 + id, 7, 0, shares, price, `tradewatch:${id}`, '', ''];
    this.send(socket, [OUT.EXECUTION_DATA, 10, -1, id, ...contract, ...execution, ...rest]);
  }

  commission(socket: Socket, execId: string, commission: number): void {
    this.send(socket, [OUT.COMMISSION, 1, execId, commission, 'USD', Number.MAX_VALUE, '', '']);
  }

  private accept(socket: Socket): void {
    this.sockets.push(socket);
    let buffer = Buffer.alloc(0);
    let greeted = false;
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!greeted) {
        if (buffer.length < 8 || buffer.length < 8 + buffer.readInt32BE(4)) return;
        buffer = buffer.subarray(8 + buffer.readInt32BE(4));
        greeted = true;
        this.send(socket, [SERVER_VERSION, '20260302 15:00:00 UTC']);
      }
      for (let size = frameSize(buffer); size !== undefined; size = frameSize(buffer)) {
        this.receive(
          socket,
          buffer
            .subarray(4, 4 + size)
            .toString('utf8')
            .split('\0')
            .slice(0, -1),
        );
        buffer = buffer.subarray(4 + size);
      }
    });
  }

  private receive(socket: Socket, fields: string[]): void {
    this.frames.push(fields);
    if (fields[0] === IN.START_API) this.send(socket, [OUT.NEXT_VALID_ID, 1, 1]);
    if (fields[0] === IN.PLACE_ORDER) this.onPlace(socket, Number(fields[2]));
    if (fields[0] === IN.CANCEL_ORDER) this.onCancel(socket, Number(fields[2]));
  }
}

function frameSize(buffer: Buffer): number | undefined {
  if (buffer.length < 4) return undefined;
  const size = buffer.readInt32BE(0);
  return buffer.length >= 4 + size ? size : undefined;
}

async function until(condition: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}

const order = (overrides: Partial<BrokerOrder> = {}): BrokerOrder => ({
  orderId: '1',
  clientOrderId: 'c1',
  symbol: 'AAPL',
  side: 'buy',
  type: 'market',
  quantity: '10',
  limitPrice: null,
  ...overrides,
});

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('IbkrBroker over the TWS wire protocol (real @stoqey/ib client)', () => {
  let tws: FakeTws;
  let broker: IbkrBroker | undefined;

  beforeEach(() => {
    tws = new FakeTws();
  });

  afterEach(async () => {
    broker?.stop();
    await tws.close();
  });

  function start(port: number, options: Partial<IbkrBrokerOptions> = {}): IbkrBroker {
    const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
    const base = { host: '127.0.0.1', port, clientId: 7, reconnectDelayMs: 20 };
    broker = new IbkrBroker(
      { ...base, maxReconnectDelayMs: 80, submitWaitMs: 1000, cancelWaitMs: 1000, ...options },
      clock,
      undefined,
      undefined,
      silent,
    );
    broker.start();
    return broker;
  }

  it('connects, places a market order, and reports acceptance and a fill with its commission', async () => {
    const ib = start(await tws.listen());
    await until(() => ib.isConnected());
    tws.onPlace = (socket, id) => tws.orderStatus(socket, id, 'Submitted', 0, 10);

    const reports = await ib.submit(order());

    expect(reports).toEqual([expect.objectContaining({ kind: 'accepted', brokerOrderId: '2' })]);
    const placed = tws.frames.find((fields) => fields[0] === IN.PLACE_ORDER);
    expect(placed?.slice(2, 6)).toEqual(['2', '', 'AAPL', 'STK']);
    expect(placed).toEqual(expect.arrayContaining(['SMART', 'USD', 'BUY', '10', 'MKT', 'DAY']));
    const socket = tws.sockets[0];
    tws.execution(socket, 2, '0001f4e8.65e1c3a2.01.01', 10, 187.12);
    tws.commission(socket, '0001f4e8.65e1c3a2.01.01', 1.05);
    tws.orderStatus(socket, 2, 'Filled', 10, 0);
    const fills: BrokerReport[] = [];
    await until(async () => fills.push(...(await ib.poll())) > 0);
    expect(fills).toEqual([
      expect.objectContaining({
        kind: 'fill',
        orderId: '1',
        brokerFillId: '0001f4e8.65e1c3a2.01.01',
        quantity: '10',
        price: '187.12',
        fee: '1.05',
      }),
    ]);
  });

  it('rejects with the TWS error message, and cancels a resting limit order', async () => {
    const ib = start(await tws.listen());
    await until(() => ib.isConnected());
    tws.onPlace = (socket, id) =>
      id === 2
        ? tws.error(socket, id, 201, 'Order rejected - reason: no trading permissions')
        : tws.orderStatus(socket, id, 'Submitted', 0, 10);
    tws.onCancel = (socket, id) => {
      tws.error(socket, id, 202, 'Order Canceled - reason:');
      tws.orderStatus(socket, id, 'Cancelled', 0, 10);
    };

    expect(await ib.submit(order())).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        reason: 'IB 201: Order rejected - reason: no trading permissions',
      }),
    ]);
    const limit = order({ orderId: '2', type: 'limit', limitPrice: '150.25' });
    expect(await ib.submit(limit)).toEqual([expect.objectContaining({ kind: 'accepted' })]);
    expect(await ib.cancel(limit)).toEqual([
      expect.objectContaining({
        kind: 'canceled',
        orderId: '2',
        reason: 'IB 202: Order Canceled - reason:',
      }),
    ]);
  });

  it('retries a refused connection and reconnects after TWS drops the socket', async () => {
    const port = await tws.listen();
    await tws.close();
    tws = new FakeTws();
    const ib = start(port);
    await delay(60);
    expect(ib.isConnected()).toBe(false);
    await tws.listen(port);
    await until(() => ib.isConnected());

    tws.sockets[0].destroy();
    await until(() => !ib.isConnected());
    await until(() => ib.isConnected());
    expect(tws.sockets).toHaveLength(2);
  });
});

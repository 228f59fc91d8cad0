import Decimal from 'decimal.js';
import type { Clock } from '../../common/clock/clock';
import { SeededRandom } from '../../common/random/seeded-random';
import type { Broker, BrokerOrder, BrokerReport } from '../broker.port';
import { commission, FeeSettings, slippedPrice, SlippageSettings } from './paper-costs';

export interface MarketSnapshot {
  bid: number;
  ask: number;
  /** Volume of the latest 1-minute bar: how much can trade per pass. */
  barVolume: number;
}

export interface PaperBrokerOptions {
  seed: number;
  slippage: SlippageSettings;
  fees: FeeSettings;
  /** At most this share of the latest bar's volume fills per pass; the rest stays working. */
  maxVolumeShare: number;
  latencyMs: { min: number; max: number };
}

interface WorkingOrder {
  order: BrokerOrder;
  remaining: Decimal;
  fills: number;
}

/**
 * A simulated broker: market orders fill at the ask/bid, limit orders when the market crosses
 * them, large orders partially (a share of the bar's volume per pass), with slippage, fees and a
 * latency that are deterministic under the seed.
 */
export class PaperBroker implements Broker {
  readonly name = 'paper';
  readonly keepsOrdersAcrossRestarts = false;
  private readonly working = new Map<string, WorkingOrder>();
  private readonly random: SeededRandom;

  constructor(
    private readonly market: (symbol: string) => Promise<MarketSnapshot>,
    private readonly clock: Clock,
    private readonly options: PaperBrokerOptions,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.random = new SeededRandom(options.seed);
  }

  isConnected(): boolean {
    return true;
  }

  async submit(order: BrokerOrder): Promise<BrokerReport[]> {
    await this.latency();
    const accepted: BrokerReport = {
      kind: 'accepted',
      orderId: order.orderId,
      brokerOrderId: `paper-${order.orderId}`,
      at: this.clock.now(),
    };
    const working = { order, remaining: new Decimal(order.quantity), fills: 0 };
    this.working.set(order.orderId, working);
    return [accepted, ...(await this.tryFill(working))];
  }

  async cancel(order: BrokerOrder): Promise<BrokerReport[]> {
    await this.latency();
    if (!this.working.delete(order.orderId)) return [];
    return [
      {
        kind: 'canceled',
        orderId: order.orderId,
        reason: 'canceled by request',
        at: this.clock.now(),
      },
    ];
  }

  async poll(): Promise<BrokerReport[]> {
    const reports: BrokerReport[] = [];
    for (const working of [...this.working.values()])
      reports.push(...(await this.tryFill(working)));
    return reports;
  }

  private async tryFill(working: WorkingOrder): Promise<BrokerReport[]> {
    const { order } = working;
    const snapshot = await this.market(order.symbol);
    const touch = new Decimal(order.side === 'buy' ? snapshot.ask : snapshot.bid);
    if (!this.crosses(order, touch)) return [];
    const quantity = Decimal.min(working.remaining, this.capacity(snapshot.barVolume));
    if (quantity.lte(0)) return [];
    const price = this.executionPrice(order, touch, quantity, snapshot.barVolume);
    working.remaining = working.remaining.minus(quantity);
    working.fills++;
    if (working.remaining.lte(0)) this.working.delete(order.orderId);
    return [
      {
        kind: 'fill',
        orderId: order.orderId,
        brokerFillId: `paper-${order.orderId}-${working.fills}`,
        quantity: quantity.toString(),
        price: price.toString(),
        fee: commission(quantity, price, this.options.fees).toString(),
        at: this.clock.now(),
      },
    ];
  }

  private crosses(order: BrokerOrder, touch: Decimal): boolean {
    if (order.type === 'market' || order.limitPrice === null) return true;
    return order.side === 'buy' ? touch.lte(order.limitPrice) : touch.gte(order.limitPrice);
  }

  private capacity(barVolume: number): Decimal {
    return Decimal.max(new Decimal(barVolume).times(this.options.maxVolumeShare).floor(), 1);
  }

  private executionPrice(
    order: BrokerOrder,
    touch: Decimal,
    quantity: Decimal,
    barVolume: number,
  ): Decimal {
    const slipped = slippedPrice(touch, order.side, quantity, barVolume, this.options.slippage);
    if (order.limitPrice === null) return slipped;
    return order.side === 'buy'
      ? Decimal.min(slipped, order.limitPrice)
      : Decimal.max(slipped, order.limitPrice);
  }

  private async latency(): Promise<void> {
    const { min, max } = this.options.latencyMs;
    await this.sleep(Math.round(this.random.between(min, max)));
  }
}

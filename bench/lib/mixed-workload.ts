/**
 * The requests of a mixed, realistic workload against the app's API: reads of every kind, order
 * submits (new client order ids, small quantities, and exact repeats of ids already sent, some
 * still in flight), and strategy evaluations. Scrapes are not here: a ScrapeSampler sends those on
 * a clock, as Prometheus does. Picks come from a seeded generator, so a seed gives one sequence.
 */
import { SeededRandom } from '../../src/common/random/seeded-random';

export type RequestKind =
  | 'status'
  | 'quote'
  | 'bars'
  | 'portfolio'
  | 'positions'
  | 'orders-list'
  | 'trades'
  | 'performance'
  | 'signals'
  | 'decisions'
  | 'risk'
  | 'strategies'
  | 'sentiment'
  | 'options-flow'
  | 'order-submit'
  | 'order-repeat'
  | 'evaluate';

export type KindGroup = 'read' | 'order' | 'evaluate';

/** Relative frequency of each kind: about 65 % reads, 20 % order submits, 15 % evaluations. */
export const DEFAULT_WEIGHTS: Readonly<Record<RequestKind, number>> = {
  status: 4,
  quote: 10,
  bars: 4,
  portfolio: 6,
  positions: 5,
  'orders-list': 6,
  trades: 3,
  performance: 4,
  signals: 5,
  decisions: 3,
  risk: 3,
  strategies: 3,
  sentiment: 3,
  'options-flow': 3,
  'order-submit': 16,
  'order-repeat': 4,
  evaluate: 15,
};

export const groupOf = (kind: RequestKind): KindGroup =>
  kind === 'evaluate' ? 'evaluate' : kind.startsWith('order-') ? 'order' : 'read';

export const WATCHLIST = ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'] as const;

export interface OrderBody {
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  type: 'market';
}

export interface PlannedRequest {
  kind: RequestKind;
  method: 'GET' | 'POST';
  path: string;
  body?: OrderBody | { symbol: string };
}

/** How many recently sent orders a repeat picks from (recent ones may still be in flight). */
const REPEAT_WINDOW = 20;

/** Chooses request after request; remembers the orders it sent so repeats can reuse them. */
export class WorkloadPlanner {
  private readonly random: SeededRandom;
  private readonly kinds: RequestKind[];
  private readonly cumulative: number[];
  private readonly sentOrders: OrderBody[] = [];
  private nextOrder = 0;

  /** `idPrefix` makes client order ids unique across runs and variants sharing one database. */
  constructor(
    seed: number,
    private readonly idPrefix: string,
    weights: Readonly<Record<RequestKind, number>> = DEFAULT_WEIGHTS,
  ) {
    this.random = new SeededRandom(seed);
    this.kinds = (Object.keys(weights) as RequestKind[]).filter((kind) => weights[kind] > 0);
    let total = 0;
    this.cumulative = this.kinds.map((kind) => (total += weights[kind]));
  }

  next(): PlannedRequest {
    const point = this.random.next() * this.cumulative[this.cumulative.length - 1];
    const kind = this.kinds[this.cumulative.findIndex((bound) => point < bound)];
    return this.request(kind);
  }

  private symbol(): string {
    return WATCHLIST[Math.floor(this.random.next() * WATCHLIST.length)];
  }

  private request(kind: RequestKind): PlannedRequest {
    const get = (path: string): PlannedRequest => ({ kind, method: 'GET', path });
    switch (kind) {
      case 'status':
        return get('/api/status');
      case 'quote':
        return get(`/api/market/quote/${this.symbol()}`);
      case 'bars':
        return get(`/api/market/bars/${this.symbol()}?limit=60`);
      case 'portfolio':
        return get('/api/portfolio');
      case 'positions':
        return get('/api/positions');
      case 'orders-list':
        return get('/api/orders?limit=50');
      case 'trades':
        return get('/api/trades?limit=50');
      case 'performance':
        return get('/api/performance');
      case 'signals':
        return get(`/api/signals?limit=50&symbol=${this.symbol()}`);
      case 'decisions':
        return get('/api/decisions?limit=20');
      case 'risk':
        return get('/api/risk');
      case 'strategies':
        return get('/api/strategies');
      case 'sentiment':
        return get(`/api/sentiment/${this.symbol()}`);
      case 'options-flow':
        return get(`/api/options-flow/${this.symbol()}`);
      case 'evaluate':
        return {
          kind,
          method: 'POST',
          path: '/api/decisions/evaluate',
          body: { symbol: this.symbol() },
        };
      case 'order-repeat':
        if (this.sentOrders.length > 0) return { ...this.newOrRepeatedOrder(true), kind };
        return this.newOrRepeatedOrder(false);
      case 'order-submit':
        return this.newOrRepeatedOrder(false);
    }
  }

  private newOrRepeatedOrder(repeat: boolean): PlannedRequest {
    const path = '/api/orders';
    if (repeat) {
      const recent = this.sentOrders.slice(-REPEAT_WINDOW);
      const body = recent[Math.floor(this.random.next() * recent.length)];
      return { kind: 'order-repeat', method: 'POST', path, body };
    }
    const body: OrderBody = {
      clientOrderId: `${this.idPrefix}-${++this.nextOrder}`,
      symbol: this.symbol(),
      // Mostly buys; sells of shares bought minutes ago exercise the cash-account rules.
      side: this.random.next() < 0.75 ? 'buy' : 'sell',
      quantity: 1 + Math.floor(this.random.next() * 3),
      type: 'market',
    };
    this.sentOrders.push(body);
    return { kind: 'order-submit', method: 'POST', path, body };
  }
}

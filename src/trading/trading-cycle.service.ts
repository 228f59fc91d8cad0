import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { Clock } from '../common/clock/clock';
import { ConflictError, UnavailableError } from '../common/errors/domain-error';
import { AppConfig } from '../config';
import type { DecisionEntity } from '../evaluation/decision.entity';
import { EvaluationService } from '../evaluation/evaluation.service';
import { OrdersService } from '../execution/orders.service';
import { MarketDataService } from '../market-data/market-data.service';
import { Watchlist } from '../market-data/watchlist';
import { HealthIndicatorRegistry, InjectMetric } from '../observability';
import { PerformanceService } from '../portfolio/performance.service';
import { PortfolioService } from '../portfolio/portfolio.service';
import { exitFor } from './exit-rules';
import { PAUSE_REASONS, PauseReason, pauseReasonOf, TradingPaused } from './loop-pause';
import { confidenceBand, sharesFor } from './position-sizing';
import { TradingLeadership } from './trading-leadership';

export type CycleTrigger = 'schedule' | 'manual';

export interface SymbolOutcome {
  symbol: string;
  action: 'bought' | 'sold' | 'exited' | 'held' | 'skipped' | 'failed';
  detail: string;
  orderId?: string;
}

export interface CycleReport {
  id: string;
  trigger: CycleTrigger;
  status: 'completed' | 'standby' | 'paused';
  /** Why a paused cycle did not trade. */
  pausedFor?: PauseReason;
  startedAt: Date;
  finishedAt: Date;
  brokerReports: number;
  symbols: SymbolOutcome[];
}

/** Market data older than this is stale: no new trade is made on it. */
const STALE_AFTER_MS = 5 * 60_000;
const MINUTE_MS = 60_000;

/**
 * One turn of the loop: poll the broker, apply exit rules, then for every watchlist symbol
 * evaluate the strategies, decide, size by confidence and order. Client order ids are derived
 * from the cycle's time slot, so overlapping or repeated cycles never trade twice.
 */
@Injectable()
export class TradingCycleService implements OnModuleInit {
  private readonly logger = new Logger(TradingCycleService.name);
  private running = false;
  private lastHeartbeat?: Date;
  private paused?: { reason: PauseReason; since: Date };
  /** Highest price seen per open position (for trailing stops), keyed by symbol and opening time. */
  private readonly highs = new Map<string, { openedAt: number; high: Decimal }>();

  constructor(
    private readonly leadership: TradingLeadership,
    private readonly orders: OrdersService,
    private readonly evaluation: EvaluationService,
    private readonly portfolio: PortfolioService,
    private readonly performance: PerformanceService,
    private readonly marketData: MarketDataService,
    private readonly watchlist: Watchlist,
    private readonly health: HealthIndicatorRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectMetric('trading_cycles_total') private readonly cycles: Counter<string>,
    @InjectMetric('trading_cycle_duration_seconds') private readonly duration: Histogram<string>,
    @InjectMetric('trading_loop_heartbeat_timestamp_seconds')
    private readonly heartbeat: Gauge<string>,
    @InjectMetric('trading_loop_paused') private readonly pausedGauge: Gauge<string>,
    @InjectMetric('stale_data_skips_total') private readonly staleSkips: Counter<string>,
    @InjectMetric('position_size_fraction') private readonly sizeFraction: Histogram<string>,
    @InjectMetric('risk_exit_triggers_total') private readonly exits: Counter<string>,
  ) {}

  onModuleInit(): void {
    for (const reason of PAUSE_REASONS) this.pausedGauge.set({ reason }, 0);
    this.health.register({
      name: 'trading_loop',
      probes: ['readiness'],
      check: () => this.loopHealth(),
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  async run(trigger: CycleTrigger): Promise<CycleReport> {
    if (this.running) throw new ConflictError('a trading cycle is already running');
    this.running = true;
    const startedAt = this.clock.now();
    const timer = performance.now();
    try {
      const report = await this.cycle(trigger, startedAt);
      this.resume();
      this.cycles.inc({ trigger, outcome: report.status });
      return report;
    } catch (error) {
      const reason = pauseReasonOf(error);
      this.cycles.inc({ trigger, outcome: reason ? 'paused' : 'failed' });
      if (!reason) throw error;
      this.pause(reason);
      if (trigger === 'manual') throw new UnavailableError(new TradingPaused(reason).message);
      return {
        id: this.cycleId(trigger, startedAt),
        trigger,
        status: 'paused',
        pausedFor: reason,
        startedAt,
        finishedAt: this.clock.now(),
        brokerReports: 0,
        symbols: [],
      };
    } finally {
      this.duration.observe((performance.now() - timer) / 1000);
      this.running = false;
    }
  }

  private async cycle(trigger: CycleTrigger, startedAt: Date): Promise<CycleReport> {
    const id = this.cycleId(trigger, startedAt);
    const base = { id, trigger, startedAt, brokerReports: 0, symbols: [] as SymbolOutcome[] };
    if (!(await this.leadership.ensure()))
      return { ...base, status: 'standby', finishedAt: this.clock.now() };
    if (!this.orders.brokerConnected) throw new TradingPaused('broker_disconnected');
    const brokerReports = await this.orders.pollBroker();
    const exited = await this.applyExits(id);
    const equity = new Decimal((await this.portfolio.valuation()).equity);
    const symbols = [...exited];
    for (const symbol of this.watchlist.symbols) {
      if (exited.some((outcome) => outcome.symbol === symbol)) continue;
      symbols.push(await this.tradeSymbol(id, symbol, equity));
    }
    await this.performance.snapshot();
    this.lastHeartbeat = this.clock.now();
    this.heartbeat.set(this.lastHeartbeat.getTime() / 1000);
    return { ...base, status: 'completed', brokerReports, symbols, finishedAt: this.lastHeartbeat };
  }

  /** Logged once when the loop stops trading, and once when it trades again. */
  private pause(reason: PauseReason): void {
    if (this.paused?.reason === reason) return;
    this.paused = { reason, since: this.clock.now() };
    for (const each of PAUSE_REASONS)
      this.pausedGauge.set({ reason: each }, each === reason ? 1 : 0);
    this.logger.warn(`${new TradingPaused(reason).message}; it resumes by itself`);
  }

  private resume(): void {
    if (!this.paused) return;
    const seconds = (this.clock.now().getTime() - this.paused.since.getTime()) / 1000;
    this.logger.log(
      `the trading loop resumed after ${seconds.toFixed(1)} s (${this.paused.reason})`,
    );
    this.paused = undefined;
    for (const reason of PAUSE_REASONS) this.pausedGauge.set({ reason }, 0);
  }

  /** Scheduled cycles share an id per interval slot (idempotent across restarts and instances). */
  private cycleId(trigger: CycleTrigger, at: Date): string {
    const slot = this.config.trading.intervalMs || MINUTE_MS;
    return trigger === 'schedule'
      ? `cycle-${Math.floor(at.getTime() / slot)}`
      : `manual-${at.getTime()}`;
  }

  private async tradeSymbol(
    cycleId: string,
    symbol: string,
    equity: Decimal,
  ): Promise<SymbolOutcome> {
    try {
      if (await this.isStale(symbol)) {
        this.staleSkips.inc({ symbol });
        return { symbol, action: 'skipped', detail: 'market data is stale: no trade' };
      }
      const { decision } = await this.evaluation.evaluate(symbol);
      return await this.act(cycleId, decision, equity);
    } catch (error) {
      if (pauseReasonOf(error)) throw error;
      this.logger.warn(`cycle ${cycleId}: ${symbol} failed: ${String(error)}`);
      return {
        symbol,
        action: 'failed',
        detail: error instanceof Error ? error.message : 'failed',
      };
    }
  }

  private async isStale(symbol: string): Promise<boolean> {
    const [last] = await this.marketData.bars(symbol, 1);
    return !last || this.clock.now().getTime() - (last.time.getTime() + MINUTE_MS) > STALE_AFTER_MS;
  }

  private async act(
    cycleId: string,
    decision: DecisionEntity,
    equity: Decimal,
  ): Promise<SymbolOutcome> {
    const { symbol } = decision;
    const held = new Decimal((await this.portfolio.positionOf(symbol))?.quantity ?? 0);
    if (decision.action === 'sell' && held.gt(0)) {
      return this.order(cycleId, decision, 'sell', held.toNumber(), 'sold');
    }
    if (decision.action !== 'buy') return { symbol, action: 'held', detail: decision.reason };
    if (held.gt(0)) return { symbol, action: 'held', detail: 'already holding a position' };
    const price = new Decimal((await this.marketData.quote(symbol)).ask);
    const quantity = sharesFor(
      equity,
      decision.confidence,
      price,
      this.config.trading.maxPositionPct,
    );
    if (quantity < 1)
      return { symbol, action: 'held', detail: 'confidence too low for a whole share' };
    this.sizeFraction.observe(
      { confidence_band: confidenceBand(decision.confidence) },
      price.times(quantity).div(equity).toNumber(),
    );
    return this.order(cycleId, decision, 'buy', quantity, 'bought');
  }

  private async order(
    cycleId: string,
    decision: DecisionEntity,
    side: 'buy' | 'sell',
    quantity: number,
    action: 'bought' | 'sold',
  ): Promise<SymbolOutcome> {
    const { order } = await this.orders.submit({
      clientOrderId: `${cycleId}-${decision.symbol}-${side}`,
      symbol: decision.symbol,
      side,
      quantity,
      type: 'market',
      strategy: leadingStrategy(decision, side),
      intendedAt: decision.decidedAt,
    });
    const outcome = order.status === 'denied' ? 'skipped' : action;
    return {
      symbol: decision.symbol,
      action: outcome,
      detail: order.reason ?? decision.reason,
      orderId: order.id,
    };
  }

  private async applyExits(cycleId: string): Promise<SymbolOutcome[]> {
    const outcomes: SymbolOutcome[] = [];
    for (const position of (await this.portfolio.valuation()).positions) {
      if (position.lastPrice === null || position.openedAt === null) continue;
      const last = new Decimal(position.lastPrice);
      const high = this.trackHigh(position.symbol, position.openedAt, last);
      const exit = exitFor(new Decimal(position.averageCost), high, last, this.config.trading);
      if (!exit) continue;
      this.exits.inc({ type: exit });
      const { order } = await this.orders.submit({
        clientOrderId: `${cycleId}-${position.symbol}-exit`,
        symbol: position.symbol,
        side: 'sell',
        quantity: Number(position.quantity),
        type: 'market',
      });
      outcomes.push({ symbol: position.symbol, action: 'exited', detail: exit, orderId: order.id });
    }
    return outcomes;
  }

  private trackHigh(symbol: string, openedAt: Date, last: Decimal): Decimal {
    const known = this.highs.get(symbol);
    const high =
      known && known.openedAt === openedAt.getTime() ? Decimal.max(known.high, last) : last;
    this.highs.set(symbol, { openedAt: openedAt.getTime(), high });
    return high;
  }

  private loopHealth() {
    const interval = this.config.trading.intervalMs;
    if (this.paused) {
      // the dependency's own indicator is down; the loop itself is alive and waiting for it
      return {
        trading_loop: { status: 'up' as const, mode: 'paused', reason: this.paused.reason },
      };
    }
    if (interval === 0 || !this.leadership.isLeader) {
      return {
        trading_loop: { status: 'up' as const, mode: interval === 0 ? 'on demand' : 'standby' },
      };
    }
    const since = this.lastHeartbeat
      ? this.clock.now().getTime() - this.lastHeartbeat.getTime()
      : undefined;
    const stalled = since !== undefined && since > 3 * interval;
    return {
      trading_loop: {
        status: stalled ? ('down' as const) : ('up' as const),
        lastCycleAt: this.lastHeartbeat?.toISOString() ?? null,
        ...(stalled ? { message: `no completed cycle for ${Math.round(since / 1000)} s` } : {}),
      },
    };
  }
}

/** The strategy that pushed hardest in the decided direction (a closed set: configured names). */
function leadingStrategy(decision: DecisionEntity, side: 'buy' | 'sell'): string | undefined {
  const sign = side === 'buy' ? 1 : -1;
  const [best] = [...decision.inputs].sort((a, b) => sign * b.vote - sign * a.vote);
  return best && sign * best.vote > 0 ? best.strategy : undefined;
}

import { BadRequestException, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import type { Counter, Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import type { OrderSide } from '../execution/order.types';
import { OPEN_STATUS_LIST } from '../execution/order-commitments';
import { InjectMetric, MetricsExposition } from '../observability';
import { ChangeDrivenValue } from '../observability/metrics/freshness/data-changes';
import { PortfolioService } from '../portfolio/portfolio.service';
import type { FillEntity } from '../execution/fill.entity';
import {
  CalendarRangeError,
  ComplianceInputError,
  PdtPolicyError,
} from './compliance/compliance.errors';
import { ComplianceService } from './compliance/compliance.service';
import { RiskEventEntity } from './risk-event.entity';
import { RiskSettingsEntity } from './risk-settings.entity';
import { DEFAULT_LIMITS, Denial, RiskLimits, TRADING_STATES, TradingState } from './risk.types';

const SETTINGS_ID = 'main';

export interface OrderIntent {
  symbol: string;
  side: OrderSide;
  quantity: Decimal;
  /** The price the order is expected to trade at (touch or limit). */
  price: Decimal;
  /** What open orders already commit (see openCommitments); none when omitted. */
  committed?: { selling: Decimal; buying: Decimal; buyingValue: Decimal };
}

const NOTHING_COMMITTED = {
  selling: new Decimal(0),
  buying: new Decimal(0),
  buyingValue: new Decimal(0),
};

/** Pre-trade checks, the trading state (with the daily-loss kill switch) and the risk journal. */
@Injectable()
export class RiskService implements OnModuleInit {
  private readonly logger = new Logger(RiskService.name);
  private limits: RiskLimits = DEFAULT_LIMITS;
  private state: TradingState = 'active';
  private settingsChanges: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolio: PortfolioService,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
    private readonly exposition: MetricsExposition,
    @InjectMetric('risk_limit_hits_total') private readonly limitHits: Counter<string>,
    @InjectMetric('trading_state') private readonly stateGauge: Gauge<string>,
    @InjectMetric('daily_profit_loss') private readonly dailyPnl: Gauge<string>,
    @InjectMetric('risk_limit') private readonly limitGauge: Gauge<string>,
  ) {}

  async onModuleInit(): Promise<void> {
    const stored = await this.dataSource.manager.findOne(RiskSettingsEntity, {
      where: { id: SETTINGS_ID },
    });
    if (stored) {
      this.limits = { ...DEFAULT_LIMITS, ...(stored.limits as Partial<RiskLimits>) };
      this.state = stored.tradingState as TradingState;
    }
    this.publishState();
    this.publishLimits();
    // Closed trades only change with fills: read again after one, or when the UTC day turns.
    const realized = new ChangeDrivenValue([this.portfolio.changes], () => this.realizedToday());
    this.exposition.addCollector(async () => {
      const day = this.clock.now().toISOString().slice(0, 10);
      this.dailyPnl.set((await realized.get(day)).toNumber());
    });
  }

  get tradingState(): TradingState {
    return this.state;
  }

  get currentLimits(): RiskLimits {
    return { ...this.limits };
  }

  /** The first limit the order would break, or undefined when it may go. */
  async check(
    intent: OrderIntent,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Denial | undefined> {
    const denial =
      (await this.checkState(intent)) ??
      (await this.checkExposure(intent, manager)) ??
      (await this.checkCompliance(intent, manager));
    if (denial) this.limitHits.inc({ limit: denial.reason });
    return denial;
  }

  async recordDenial(
    denial: Denial,
    symbol: string,
    orderId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    if (denial.compliance) {
      await this.compliance.recordDenial(
        { ...denial.compliance, message: denial.message },
        orderId,
        manager,
      );
    }
    await manager.insert(RiskEventEntity, {
      kind: 'denial',
      reason: denial.reason,
      message: denial.message,
      symbol,
      orderId,
      details: {},
      at: this.clock.now(),
    });
  }

  async setState(state: TradingState, reason: string): Promise<TradingState> {
    if (!TRADING_STATES.includes(state))
      throw new BadRequestException(`state must be one of ${TRADING_STATES.join(', ')}`);
    return this.serially(() => this.changeState(state, reason));
  }

  async setLimits(limits: Partial<RiskLimits>): Promise<RiskLimits> {
    const given = Object.entries(limits).filter(([, value]) => value !== undefined);
    if (given.length === 0) return this.currentLimits;
    return this.serially(async () => {
      const next = { ...this.limits, ...Object.fromEntries(given) };
      await this.save(this.dataSource.manager, next, this.state);
      this.limits = next;
      this.publishLimits();
      return this.currentLimits;
    });
  }

  /**
   * Runs settings changes one at a time. Each change is applied in memory only once it is stored:
   * a resume that could not be written leaves trading halted, as the database says it is.
   */
  private serially<T>(change: () => Promise<T>): Promise<T> {
    const result = this.settingsChanges.then(change);
    this.settingsChanges = result.catch(() => undefined);
    return result;
  }

  private async changeState(state: TradingState, reason: string): Promise<TradingState> {
    const previous = this.state;
    await this.dataSource.transaction(async (manager) => {
      await this.save(manager, this.limits, state);
      await manager.insert(RiskEventEntity, {
        kind: 'state_change',
        reason,
        message: `trading state ${previous} → ${state}`,
        symbol: null,
        orderId: null,
        details: { from: previous, to: state },
        at: this.clock.now(),
      });
    });
    this.state = state;
    this.publishState();
    this.logger.warn(`trading state ${previous} → ${state} (${reason})`);
    return state;
  }

  /** Realized P/L of trades closed since 00:00 UTC today. */
  async realizedToday(): Promise<Decimal> {
    const now = this.clock.now();
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const [row] = (await this.dataSource.query(
      'SELECT COALESCE(SUM(realized_pnl), 0) AS pnl FROM closed_trades WHERE closed_at >= $1',
      [midnight],
    )) as Array<{ pnl: string }>;
    return new Decimal(row.pnl);
  }

  /**
   * The kill switch moves an active account to REDUCING when today's realized loss reaches the
   * limit: no new exposure, but exits (stop-losses) still close positions. HALTED (manual) stops all.
   */
  private async checkState(intent: OrderIntent): Promise<Denial | undefined> {
    let killed = false;
    if (this.state === 'active' && (await this.realizedToday()).lte(-this.limits.dailyLossLimit)) {
      killed = await this.serially(async () => {
        // Another check, or the operator, may have changed the state while this one waited.
        if (this.state !== 'active') return false;
        await this.changeState('reducing', 'daily_loss_limit');
        return true;
      });
    }
    if (this.state === 'halted') return { reason: 'trading_halted', message: 'trading is halted' };
    if (this.state === 'reducing' && intent.side === 'buy') {
      return killed
        ? {
            reason: 'daily_loss_limit',
            message: `the daily loss limit (${this.limits.dailyLossLimit}) was reached: only reducing orders until resumed`,
          }
        : {
            reason: 'reducing_only',
            message: 'trading is reducing: only orders that reduce a position are accepted',
          };
    }
    return undefined;
  }

  private async checkExposure(
    intent: OrderIntent,
    manager: EntityManager,
  ): Promise<Denial | undefined> {
    const notional = intent.quantity.times(intent.price);
    const held = new Decimal(
      (await this.portfolio.positionOf(intent.symbol, manager))?.quantity ?? 0,
    );
    const committed = intent.committed ?? NOTHING_COMMITTED;
    if (intent.side === 'sell') {
      const free = held.minus(committed.selling);
      return intent.quantity.gt(free)
        ? {
            reason: 'insufficient_position',
            message: committed.selling.isZero()
              ? `cannot sell ${intent.quantity} ${intent.symbol}: the position is ${held}`
              : `cannot sell ${intent.quantity} ${intent.symbol}: the position is ${held}, of which ${committed.selling} is already being sold by open orders`,
          }
        : undefined;
    }
    if (notional.gt(this.limits.maxOrderNotional)) {
      return {
        reason: 'max_order_notional',
        message: `order value ${notional.toFixed(2)} exceeds the limit ${this.limits.maxOrderNotional}`,
      };
    }
    const positionValue = held.plus(committed.buying).plus(intent.quantity).times(intent.price);
    if (positionValue.gt(this.limits.maxPositionNotional)) {
      return {
        reason: 'max_position_notional',
        message: `position value would be ${positionValue.toFixed(2)}, over the limit ${this.limits.maxPositionNotional}`,
      };
    }
    if (held.isZero() && committed.buying.isZero()) {
      const open = await this.openPositions(manager);
      if (open.held + open.opening >= this.limits.maxOpenPositions)
        return {
          reason: 'max_open_positions',
          message:
            open.opening === 0
              ? `already ${open.held} open positions (the limit is ${this.limits.maxOpenPositions})`
              : `already ${open.held} open positions and ${open.opening} more being opened by open buy orders (the limit is ${this.limits.maxOpenPositions})`,
        };
    }
    const cash = await this.portfolio.cashBalance(manager);
    const free = cash.minus(committed.buyingValue);
    return notional.gt(free)
      ? {
          reason: 'insufficient_cash',
          message: committed.buyingValue.isZero()
            ? `order value ${notional.toFixed(2)} exceeds the cash ${cash.toFixed(2)}`
            : `order value ${notional.toFixed(2)} exceeds the cash ${cash.toFixed(2)} less ${committed.buyingValue.toFixed(2)} committed to open buy orders`,
        }
      : undefined;
  }

  /** Cash-account and PDT violations the fill caused (kept as compliance events). */
  afterFill(fill: FillEntity, manager: EntityManager): Promise<void> {
    return this.compliance.afterFill(fill, manager);
  }

  private async checkCompliance(
    intent: OrderIntent,
    manager: EntityManager,
  ): Promise<Denial | undefined> {
    const figures = async () => {
      const valuation = await this.portfolio.valuation();
      return { equity: valuation.equity, grossPositionValue: valuation.positionsValue };
    };
    let denial: Awaited<ReturnType<ComplianceService['check']>>;
    try {
      denial = await this.compliance.check(intent, figures, manager);
    } catch (error) {
      if (!isRuleInputError(error)) throw error;
      this.logger.error({ err: error }, 'compliance rules cannot be applied; denying the order');
      return {
        reason: 'compliance_unavailable',
        message: `compliance rules cannot be applied: ${error.message}`,
      };
    }
    return (
      denial && {
        reason: denial.reason,
        message: denial.message,
        compliance: { event: denial.event, rule: denial.rule },
      }
    );
  }

  /** Symbols held, and symbols not held that open buy orders are about to open. */
  private async openPositions(manager: EntityManager): Promise<{ held: number; opening: number }> {
    const [row] = (await manager.query(
      `SELECT
         (SELECT count(*) FROM positions WHERE quantity > 0) AS held,
         (SELECT count(DISTINCT o.symbol) FROM orders o
           WHERE o.side = 'buy' AND o.status IN (${OPEN_STATUS_LIST})
             AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.symbol = o.symbol AND p.quantity > 0)
         ) AS opening`,
    )) as Array<{ held: string; opening: string }>;
    return { held: Number(row.held), opening: Number(row.opening) };
  }

  private save(manager: EntityManager, limits: RiskLimits, state: TradingState): Promise<unknown> {
    return manager.save(RiskSettingsEntity, {
      id: SETTINGS_ID,
      limits: { ...limits },
      tradingState: state,
      updatedAt: this.clock.now(),
    });
  }

  private publishLimits(): void {
    const { maxOrderNotional, maxPositionNotional, maxOpenPositions, dailyLossLimit } = this.limits;
    this.limitGauge.set({ limit: 'max_order_notional' }, maxOrderNotional);
    this.limitGauge.set({ limit: 'max_position_notional' }, maxPositionNotional);
    this.limitGauge.set({ limit: 'max_open_positions' }, maxOpenPositions);
    this.limitGauge.set({ limit: 'daily_loss_limit' }, dailyLossLimit);
  }

  private publishState(): void {
    for (const state of TRADING_STATES)
      this.stateGauge.set({ state }, state === this.state ? 1 : 0);
  }
}

/** The rule tables do not cover the case (a date past the holiday table, no PDT policy for the date). */
const isRuleInputError = (error: unknown): error is Error =>
  error instanceof CalendarRangeError ||
  error instanceof ComplianceInputError ||
  error instanceof PdtPolicyError;

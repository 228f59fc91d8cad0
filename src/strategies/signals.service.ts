import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { FindOptionsWhere, MoreThanOrEqual, Repository } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { Watchlist } from '../market-data/watchlist';
import { InjectMetric, MetricsExposition, trackDuration } from '../observability';
import { SignalEntity } from './signal.entity';
import { HourlyCount } from './hourly-count';
import { StrategyContextBuilder } from './strategy-context.service';
import { StrategyRegistry } from './strategy-registry.service';
import type { SignalDirection, SignalDraft } from './strategy.interface';

const MINUTE_MS = 60_000;

export interface SignalQuery {
  strategy?: string;
  symbol?: string;
  direction?: SignalDirection;
  since?: Date;
  limit: number;
}

/** Runs a strategy on a symbol, stores the signal and measures every step. */
@Injectable()
export class SignalsService implements OnModuleInit {
  /** Signals per strategy within the last hour, for strategy_signals_per_hour. */
  private readonly lastHour = new Map<string, HourlyCount>();

  constructor(
    @InjectRepository(SignalEntity) private readonly signals: Repository<SignalEntity>,
    private readonly registry: StrategyRegistry,
    private readonly contexts: StrategyContextBuilder,
    private readonly watchlist: Watchlist,
    private readonly clock: Clock,
    private readonly exposition: MetricsExposition,
    @InjectMetric('signal_generation_duration_seconds')
    private readonly generation: Histogram<string>,
    @InjectMetric('signals_generated_total') private readonly generated: Counter<string>,
    @InjectMetric('signal_confidence') private readonly confidence: Histogram<string>,
    @InjectMetric('strategy_evaluation_duration_seconds')
    private readonly evaluation: Histogram<string>,
    @InjectMetric('strategy_evaluations_total') private readonly evaluations: Counter<string>,
    @InjectMetric('strategy_signals_per_hour') private readonly perHour: Gauge<string>,
  ) {}

  onModuleInit(): void {
    for (const { strategy } of this.registry.list())
      this.perHour.set({ strategy: strategy.name }, 0);
    this.exposition.addCollector(() => this.publishRates());
  }

  /** Evaluates `strategyName` on `symbol` now and stores the signal (404 for unknown names). */
  async generate(strategyName: string, symbol: string): Promise<SignalEntity> {
    const state = this.registry.get(strategyName);
    const known = this.watchlist.require(symbol);
    const startedAt = performance.now();
    try {
      const context = await this.contexts.build(state, known);
      const draft = trackDuration(this.evaluation, { strategy: strategyName }, () =>
        state.strategy.evaluate(context, state.parameters),
      );
      const signal = await this.store(
        strategyName,
        known,
        draft,
        context.bars.at(-1)?.close ?? 0,
        state.parameters,
      );
      this.evaluations.inc({ strategy: strategyName, outcome: 'success' });
      this.recordSignal(signal, (performance.now() - startedAt) / 1000);
      return signal;
    } catch (error) {
      this.evaluations.inc({ strategy: strategyName, outcome: 'failure' });
      throw error;
    }
  }

  find(query: SignalQuery): Promise<SignalEntity[]> {
    const where: FindOptionsWhere<SignalEntity> = {};
    if (query.strategy) where.strategy = this.registry.get(query.strategy).strategy.name;
    if (query.symbol) where.symbol = this.watchlist.require(query.symbol);
    if (query.direction) where.direction = query.direction;
    if (query.since) where.generatedAt = MoreThanOrEqual(query.since);
    return this.signals.find({
      where,
      order: { generatedAt: 'DESC', id: 'DESC' },
      take: query.limit,
    });
  }

  private store(
    strategy: string,
    symbol: string,
    draft: SignalDraft,
    price: number,
    parameters: Record<string, number>,
  ): Promise<SignalEntity> {
    const now = this.clock.now();
    return this.signals.save(
      this.signals.create({
        strategy,
        symbol,
        direction: draft.direction,
        confidence: Math.min(1, Math.max(0, draft.confidence)),
        magnitude: draft.magnitude ?? null,
        horizonMinutes: draft.horizonMinutes ?? null,
        reason: draft.reason,
        price: price.toFixed(6),
        parameters,
        generatedAt: now,
        expiresAt: draft.horizonMinutes
          ? new Date(now.getTime() + draft.horizonMinutes * MINUTE_MS)
          : null,
      }),
    );
  }

  private recordSignal(signal: SignalEntity, seconds: number): void {
    const strategy = signal.strategy;
    this.generated.inc({ strategy, signal_type: signal.direction });
    this.confidence.observe({ strategy }, signal.confidence);
    this.generation.observe({ strategy }, seconds);
    let lastHour = this.lastHour.get(strategy);
    if (lastHour === undefined) {
      lastHour = new HourlyCount();
      this.lastHour.set(strategy, lastHour);
    }
    lastHour.add(this.clock.now().getTime());
  }

  private publishRates(): void {
    const now = this.clock.now().getTime();
    for (const [strategy, lastHour] of this.lastHour) {
      this.perHour.set({ strategy }, lastHour.total(now));
    }
  }
}

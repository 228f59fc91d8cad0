import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Counter, Histogram } from 'prom-client';
import { FindOptionsWhere, MoreThanOrEqual, Repository } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { UnavailableError } from '../common/errors/domain-error';
import { AppConfig } from '../config';
import { Watchlist } from '../market-data/watchlist';
import { InjectMetric } from '../observability';
import type { SignalEntity } from '../strategies/signal.entity';
import { SignalsService } from '../strategies/signals.service';
import { StrategyRegistry } from '../strategies/strategy-registry.service';
import { decide } from './decide';
import { DecisionAction, DecisionEntity } from './decision.entity';

export interface Evaluation {
  decision: DecisionEntity;
  signals: SignalEntity[];
  /** Enabled strategies that could not produce a signal this time (a provider was down...). */
  failed: string[];
}

export interface DecisionQuery {
  symbol?: string;
  action?: DecisionAction;
  since?: Date;
  limit: number;
}

/** Runs every enabled strategy on a symbol and turns their signals into a journaled decision. */
@Injectable()
export class EvaluationService {
  constructor(
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    private readonly registry: StrategyRegistry,
    private readonly signals: SignalsService,
    private readonly watchlist: Watchlist,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectMetric('trading_decision_duration_seconds') private readonly duration: Histogram<string>,
    @InjectMetric('trading_decisions_total') private readonly made: Counter<string>,
  ) {}

  async evaluate(symbol: string): Promise<Evaluation> {
    const known = this.watchlist.require(symbol);
    const startedAt = performance.now();
    const names = this.registry.enabled().map((state) => state.strategy.name);
    const settled = await Promise.allSettled(
      names.map((name) => this.signals.generate(name, known)),
    );
    const signals = settled.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    const failed = names.filter((_, index) => settled[index].status === 'rejected');
    if (names.length > 0 && signals.length === 0) {
      throw new UnavailableError(
        `no strategy could evaluate ${known} (${failed.join(', ')} failed)`,
      );
    }
    const decision = await this.journal(known, signals, failed);
    this.made.inc({ action: decision.action });
    this.duration.observe((performance.now() - startedAt) / 1000);
    return { decision, signals, failed };
  }

  find(query: DecisionQuery): Promise<DecisionEntity[]> {
    const where: FindOptionsWhere<DecisionEntity> = {};
    if (query.symbol) where.symbol = this.watchlist.require(query.symbol);
    if (query.action) where.action = query.action;
    if (query.since) where.decidedAt = MoreThanOrEqual(query.since);
    return this.decisions.find({
      where,
      order: { decidedAt: 'DESC', id: 'DESC' },
      take: query.limit,
    });
  }

  private journal(
    symbol: string,
    signals: SignalEntity[],
    failed: string[],
  ): Promise<DecisionEntity> {
    const draft = decide(
      signals.map((signal) => ({
        signalId: signal.id,
        strategy: signal.strategy,
        direction: signal.direction,
        confidence: signal.confidence,
      })),
      { threshold: this.config.decisionThreshold },
    );
    const reason =
      failed.length > 0 ? `${draft.reason}; unavailable: ${failed.join(', ')}` : draft.reason;
    return this.decisions.save(
      this.decisions.create({
        symbol,
        action: draft.action,
        confidence: draft.confidence,
        score: draft.score,
        reason,
        price: signals[0]?.price ?? '0',
        inputs: draft.inputs,
        decidedAt: this.clock.now(),
      }),
    );
  }
}

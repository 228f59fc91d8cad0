import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import type { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config';
import { FillEntity } from '../../execution/fill.entity';
import { InjectMetric } from '../../observability';
import { isDatabaseUnavailable } from '../../common/errors/database-unavailable';
import type { Denial } from '../risk.types';
import { AccountReplay, AccountReplayOptions } from './account-replay';
import {
  AccountKind,
  AccountState,
  applyEntry,
  replayAccountState,
  replayEntry,
} from './account-state';
import { checkCashLedgerOrder } from './cash-account-rules';
import { ComplianceEventEntity } from './compliance-event.entity';
import {
  allFills,
  logFill,
  loggedFills,
  openingSettledCash,
  readSnapshot,
  saveSnapshot,
  toExecution,
} from './compliance-store';
import type { ComplianceEvent, Execution, ProposedOrder } from './compliance.interface';
import { checkPdt, finraTransitionPolicies } from './pattern-day-trader';
import { compareExecutions } from './settlement-ledger';

export interface ComplianceIntent {
  symbol: string;
  side: 'buy' | 'sell';
  quantity: Decimal;
  price: Decimal;
}

export interface AccountFigures {
  equity: string;
  grossPositionValue: string;
}

/** Log positions between two stored snapshots (a restart reads at most this many more fills). */
const SAVE_EVERY = 500;

/**
 * Applies the cash-account rules (T+1, good faith, free-riding) and the date-effective PDT policy.
 * The rules replay the account's fills; the replay is kept here (`AccountReplay`) and read forward
 * from the fill log, so a check reads the fills committed since the last one, not the history.
 */
@Injectable()
export class ComplianceService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ComplianceService.name);
  private replay?: AccountReplay;
  /** The log position of the snapshot stored last. */
  private savedSeq = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectMetric('compliance_events_total') private readonly events: Counter<string>,
    @InjectMetric('pdt_avoidance_events_total') private readonly pdtAvoided: Counter<string>,
  ) {}

  /** The denial for an order that would break a rule (its event is stored by `recordDenial`). */
  async check(
    intent: ComplianceIntent,
    figures: () => Promise<AccountFigures>,
    manager: EntityManager,
  ): Promise<(Denial & { event: ComplianceEvent; rule: string }) | undefined> {
    const order: ProposedOrder = {
      symbol: intent.symbol,
      side: intent.side,
      quantity: intent.quantity.toString(),
      price: intent.price.toString(),
      at: this.clock.now(),
    };
    if (this.kind === 'cash') {
      const { ledger } = await this.stateAt(order.at, manager, 'cash');
      const cash = checkCashLedgerOrder(order, ledger);
      if (!cash.allowed)
        return {
          reason: cash.reason,
          message: cash.message,
          event: cash.event,
          rule: 'cash_account',
        };
    }
    const { equity, grossPositionValue } = await figures();
    const margin = this.kind === 'margin' ? await this.stateAt(order.at, manager, 'margin') : null;
    const pdt = checkPdt(order, {
      broker: this.config.execution.broker,
      accountType: this.config.execution.accountType,
      equity,
      grossPositionValue,
      dayTrades: margin?.dayTrades,
      policies: finraTransitionPolicies(this.config.execution.broker),
    });
    if (!pdt.allowed)
      return { reason: pdt.reason, message: pdt.message, event: pdt.event, rule: 'pdt' };
    return undefined;
  }

  async recordDenial(
    denial: { event: ComplianceEvent; rule: string; message: string },
    orderId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    await this.store(denial.event, denial.rule, denial.message, orderId, manager);
    if (denial.rule === 'pdt')
      this.pdtAvoided.inc({ rule: String(denial.event.details.rule ?? 'pdt') });
  }

  /**
   * Every fill passes here, in the transaction that records it: it is logged for the replay (a
   * failure there fails that transaction), then the violations it caused (when the policy only
   * warns) are stored with the fill's order. A fill is a fact from the broker, so a rule that
   * cannot be evaluated must not undo recording it: the rules run in a savepoint — a failed
   * statement would otherwise abort the whole transaction and its COMMIT silently roll back.
   */
  async afterFill(fill: FillEntity, manager: EntityManager): Promise<void> {
    const seq = await logFill(manager, fill.id);
    if (this.kind !== 'cash') return;
    await manager
      .transaction((savepoint) => this.storeViolations(fill, seq, savepoint))
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) throw error;
        this.logger.error(
          { err: error, fillId: fill.id },
          'compliance events for a fill could not be evaluated',
        );
      });
  }

  private async storeViolations(fill: FillEntity, seq: number, manager: EntityManager) {
    const execution = toExecution(fill);
    // every fill logged before this one has committed or rolled back (the log's lock)
    const replay = await this.synced(manager, seq);
    const before =
      replay.stateBefore(execution) ??
      (await this.replayedFromTable(manager, (other) => compareExecutions(other, execution) < 0));
    const entry = replayEntry(this.options(replay.openingSettledCash), seq, execution);
    for (const event of applyEntry(before, entry)) {
      await this.store(
        event,
        'cash_account',
        `${event.type.replace(/_/g, ' ')} on ${event.symbol}`,
        fill.orderId,
        manager,
      );
    }
  }

  find(limit: number): Promise<ComplianceEventEntity[]> {
    return this.dataSource.manager.find(ComplianceEventEntity, {
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /** A restart resumes from here instead of replaying the history. */
  async beforeApplicationShutdown(): Promise<void> {
    const replay = this.replay;
    if (!replay || replay.lastSeq <= this.savedSeq) return;
    await saveSnapshot(this.dataSource.manager, replay.lastSeq, replay.snapshot()).catch(
      (error: unknown) =>
        this.logger.warn(`could not store the compliance snapshot: ${String(error)}`),
    );
  }

  private get kind(): AccountKind {
    return this.config.execution.accountType;
  }

  private async store(
    event: ComplianceEvent,
    rule: string,
    message: string,
    orderId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    await manager.save(ComplianceEventEntity, {
      type: event.type,
      rule,
      symbol: event.symbol,
      orderId,
      message,
      details: { ...event.details },
      at: event.at,
    });
    this.events.inc({ type: event.type });
  }

  /** The state after every fill up to `at` (a copy: the replay moves on while the caller awaits). */
  private async stateAt<K extends AccountKind>(
    at: Date,
    manager: EntityManager,
    kind: K,
  ): Promise<Extract<AccountState, { kind: K }>> {
    const replay = await this.synced(manager);
    if (replay.lastSeq - this.savedSeq >= SAVE_EVERY) await this.save(replay, manager);
    const state =
      replay.stateAt(at) ??
      (await this.replayedFromTable(manager, (fill) => fill.executedAt <= at));
    if (state.kind !== kind) throw new Error(`a ${state.kind} replay for a ${kind} account`);
    return state as Extract<AccountState, { kind: K }>;
  }

  /**
   * The replay with every fill logged (below `beforeSeq`) that this transaction sees. Normally the
   * fills since the last call; a new replay when there is none yet, the deposits changed, or a fill
   * came too late to be put in its place.
   */
  private async synced(manager: EntityManager, beforeSeq?: number): Promise<AccountReplay> {
    const opening = await openingSettledCash(manager);
    const current = this.replay;
    if (
      current?.openingSettledCash === opening &&
      current.add(await loggedFills(manager, current.lastSeq, beforeSeq))
    )
      return current;
    this.replay = await this.load(manager, opening, beforeSeq);
    return this.replay;
  }

  /** From the stored snapshot and the fills logged since, or else from every fill. */
  private async load(
    manager: EntityManager,
    opening: string,
    beforeSeq?: number,
  ): Promise<AccountReplay> {
    const started = performance.now();
    const options = this.options(opening);
    const stored = await readSnapshot(manager, this.kind);
    const resumed = stored && AccountReplay.fromSnapshot(options, stored.snapshot);
    if (resumed) {
      const since = await loggedFills(manager, resumed.lastSeq, beforeSeq);
      if (resumed.add(since)) {
        this.savedSeq = stored.seq;
        this.logLoad(`resumed from the snapshot and ${since.length} fills`, started);
        return resumed;
      }
    }
    const logged = await loggedFills(manager, 0, beforeSeq);
    this.savedSeq = 0;
    this.logLoad(`replayed all ${logged.length} fills`, started);
    return AccountReplay.fromScratch(options, logged);
  }

  private async save(replay: AccountReplay, manager: EntityManager): Promise<void> {
    await saveSnapshot(manager, replay.lastSeq, replay.snapshot());
    this.savedSeq = replay.lastSeq;
  }

  /** The rare case the replay cannot serve (a time before its cut): from the fills table. */
  private async replayedFromTable(
    manager: EntityManager,
    include: (execution: Execution) => boolean,
  ): Promise<AccountState> {
    const executions = (await allFills(manager)).filter(include);
    this.logger.warn(
      `compliance replay of ${executions.length} fills from scratch (before its cut)`,
    );
    return replayAccountState(this.options(await openingSettledCash(manager)), executions);
  }

  private options(openingSettledCash: string): AccountReplayOptions {
    return { kind: this.kind, openingSettledCash };
  }

  private logLoad(what: string, started: number): void {
    const ms = (performance.now() - started).toFixed(0);
    this.logger.log(`compliance replay (${this.kind} account): ${what} in ${ms} ms`);
  }
}

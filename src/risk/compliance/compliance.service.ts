import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import type { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config';
import { FillEntity } from '../../execution/fill.entity';
import { InjectMetric } from '../../observability';
import { CashLedgerEntity } from '../../portfolio/cash-ledger.entity';
import type { Denial } from '../risk.types';
import { checkCashAccountOrder, detectCashAccountEvents } from './cash-account-rules';
import { ComplianceEventEntity } from './compliance-event.entity';
import type { ComplianceEvent, Execution, ProposedOrder } from './compliance.interface';
import { checkPdt, finraTransitionPolicies } from './pattern-day-trader';

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

/** Applies the cash-account rules (T+1, good faith, free-riding) and the date-effective PDT policy. */
@Injectable()
export class ComplianceService {
  private executions = new Map<string, Execution>();

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
    const history = await this.history(manager);
    if (this.config.execution.accountType === 'cash') {
      const cash = checkCashAccountOrder(order, history);
      if (!cash.allowed)
        return {
          reason: cash.reason,
          message: cash.message,
          event: cash.event,
          rule: 'cash_account',
        };
    }
    const { equity, grossPositionValue } = await figures();
    const pdt = checkPdt(order, {
      broker: this.config.execution.broker,
      accountType: this.config.execution.accountType,
      equity,
      grossPositionValue,
      executions: history.executions,
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

  /** Violations a fill just caused (when the policy only warns), stored with the fill's order. */
  async afterFill(fill: FillEntity, manager: EntityManager): Promise<void> {
    if (this.config.execution.accountType !== 'cash') return;
    const history = await this.history(manager, fill.id);
    // the object the next history read returns for this fill, so the next replay continues
    const execution = this.executions.get(fill.id) ?? toExecution(fill);
    for (const event of detectCashAccountEvents(history, execution)) {
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

  private async history(manager: EntityManager, excludeFillId?: string) {
    const [deposits, fills] = await Promise.all([
      manager.find(CashLedgerEntity, { where: { kind: 'deposit' } }),
      manager.query(
        'SELECT id, symbol, side, quantity, price, fee, executed_at FROM fills ORDER BY executed_at, id',
      ) as Promise<FillRow[]>,
    ]);
    const openingSettledCash = deposits
      .reduce((sum, entry) => sum.plus(entry.amount), new Decimal(0))
      .toString();
    return { openingSettledCash, executions: this.executionsOf(fills, excludeFillId) };
  }

  /**
   * The same Execution object for a fill every time (fills never change), so the rules' memo of
   * derived cash flows applies and a check replays a long history cheaply. Only the fills this
   * read saw are kept: one a rolled-back transaction wrote is forgotten at the next read.
   */
  private executionsOf(fills: readonly FillRow[], excludeFillId?: string): Execution[] {
    const known = new Map<string, Execution>();
    for (const fill of fills) {
      known.set(fill.id, this.executions.get(fill.id) ?? rowToExecution(fill));
    }
    this.executions = known;
    return [...known.values()].filter((execution) => execution.id !== excludeFillId);
  }
}

interface FillRow {
  id: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: string;
  price: string;
  fee: string;
  executed_at: Date;
}

const rowToExecution = (row: FillRow): Execution =>
  toExecution({ ...row, executedAt: row.executed_at } as unknown as FillEntity);

const toExecution = (fill: FillEntity): Execution => ({
  id: fill.id,
  symbol: fill.symbol,
  side: fill.side,
  quantity: new Decimal(fill.quantity).toString(),
  price: new Decimal(fill.price).toString(),
  fees: new Decimal(fill.fee).toString(),
  executedAt: fill.executedAt,
});

import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import type { Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { decimalString } from '../common/decimal-string';
import { AppConfig } from '../config';
import type { FillEntity } from '../execution/fill.entity';
import { MarketDataService } from '../market-data/market-data.service';
import { InjectMetric, MetricsExposition } from '../observability';
import { AccountEntity } from './account.entity';
import { CashEntryKind, CashLedgerEntity } from './cash-ledger.entity';
import { ClosedTradeEntity } from './closed-trade.entity';
import { applyFillToPosition } from './ledger';
import { PositionEntity } from './position.entity';
import { settlementDate } from './settlement';

export const ACCOUNT_ID = 'main';

export interface PositionValuation {
  symbol: string;
  quantity: string;
  averageCost: string;
  lastPrice: string | null;
  marketValue: string | null;
  unrealizedPnl: string | null;
  realizedPnl: string;
  openedAt: Date | null;
}

export interface PortfolioValuation {
  cash: string;
  positionsValue: string;
  equity: string;
  unrealizedPnl: string;
  realizedPnl: string;
  positions: PositionValuation[];
  /** Symbols whose price could not be fetched (valued at cost). */
  unpriced: string[];
  at: Date;
}

/** Positions, cash and the ledger: every fill moves them in the transaction that records it. */
@Injectable()
export class PortfolioService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly marketData: MarketDataService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly exposition: MetricsExposition,
    @InjectMetric('portfolio_value') private readonly value: Gauge<string>,
    @InjectMetric('portfolio_cash') private readonly cash: Gauge<string>,
    @InjectMetric('portfolio_unrealized_profit_loss') private readonly unrealized: Gauge<string>,
    @InjectMetric('portfolio_open_positions') private readonly openPositions: Gauge<string>,
  ) {}

  /** Opens the account with INITIAL_CASH on the first start (a deposit in the ledger). */
  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(AccountEntity)
        .values({
          id: ACCOUNT_ID,
          cash: this.config.execution.initialCash,
          updatedAt: this.clock.now(),
        })
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length > 0)
        await this.ledger(
          manager,
          'deposit',
          new Decimal(this.config.execution.initialCash),
          new Decimal(this.config.execution.initialCash),
          null,
          null,
        );
    });
    this.exposition.addCollector(() => this.publish());
  }

  /** Applies a fill to the position, the cash and the ledger, inside the caller's transaction. */
  async applyFill(
    manager: EntityManager,
    fill: FillEntity,
    strategy: string | null,
  ): Promise<void> {
    const account = await manager.findOneOrFail(AccountEntity, {
      where: { id: ACCOUNT_ID },
      lock: { mode: 'pessimistic_write' },
    });
    const stored = await manager.findOne(PositionEntity, {
      where: { symbol: fill.symbol },
      lock: { mode: 'pessimistic_write' },
    });
    const before = {
      quantity: new Decimal(stored?.quantity ?? 0),
      averageCost: new Decimal(stored?.averageCost ?? 0),
    };
    const effect = applyFillToPosition(
      before,
      fill.side,
      new Decimal(fill.quantity),
      new Decimal(fill.price),
      new Decimal(fill.fee),
    );
    const openedAt = before.quantity.isZero()
      ? fill.executedAt
      : (stored?.openedAt ?? fill.executedAt);
    await manager.save(PositionEntity, {
      symbol: fill.symbol,
      quantity: effect.position.quantity.toString(),
      averageCost: effect.position.averageCost.toString(),
      realizedPnl: new Decimal(stored?.realizedPnl ?? 0).plus(effect.realizedPnl).toFixed(2),
      openedAt: effect.position.quantity.isZero() ? null : openedAt,
      updatedAt: fill.executedAt,
    });
    let cash = new Decimal(account.cash).plus(effect.cashForShares);
    await this.ledger(
      manager,
      fill.side,
      effect.cashForShares,
      cash,
      fill,
      settlementDate(fill.executedAt),
    );
    cash = cash.minus(effect.fee);
    await this.ledger(manager, 'fee', effect.fee.negated(), cash, fill, null);
    await manager.update(
      AccountEntity,
      { id: ACCOUNT_ID },
      { cash: cash.toFixed(2), updatedAt: fill.executedAt },
    );
    if (fill.side === 'sell') {
      await manager.insert(ClosedTradeEntity, {
        fillId: fill.id,
        strategy,
        symbol: fill.symbol,
        quantity: fill.quantity,
        entryPrice: before.averageCost.toString(),
        exitPrice: fill.price,
        fees: new Decimal(fill.fee).toFixed(2),
        realizedPnl: effect.realizedPnl.toFixed(2),
        openedAt,
        closedAt: fill.executedAt,
      });
    }
  }

  positionOf(
    symbol: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PositionEntity | null> {
    return manager.findOne(PositionEntity, { where: { symbol } });
  }

  async cashBalance(manager: EntityManager = this.dataSource.manager): Promise<Decimal> {
    return new Decimal(
      (await manager.findOneOrFail(AccountEntity, { where: { id: ACCOUNT_ID } })).cash,
    );
  }

  /** Cash, positions at their last price, and P/L. */
  async valuation(): Promise<PortfolioValuation> {
    const [cash, positions] = await Promise.all([
      this.cashBalance(),
      this.dataSource.manager.find(PositionEntity, { order: { symbol: 'ASC' } }),
    ]);
    const unpriced: string[] = [];
    const valued = await Promise.all(
      positions
        .filter((p) => !new Decimal(p.quantity).isZero() || !new Decimal(p.realizedPnl).isZero())
        .map(async (position) => {
          const last = await this.lastPrice(position.symbol);
          if (last === null && !new Decimal(position.quantity).isZero())
            unpriced.push(position.symbol);
          return valuePosition(position, last);
        }),
    );
    const positionsValue = valued.reduce(
      (sum, p) => sum.plus(p.marketValue ?? new Decimal(p.quantity).times(p.averageCost)),
      new Decimal(0),
    );
    const unrealizedPnl = valued.reduce((sum, p) => sum.plus(p.unrealizedPnl ?? 0), new Decimal(0));
    const realizedPnl = valued.reduce((sum, p) => sum.plus(p.realizedPnl), new Decimal(0));
    return {
      cash: cash.toFixed(2),
      positionsValue: positionsValue.toFixed(2),
      equity: cash.plus(positionsValue).toFixed(2),
      unrealizedPnl: unrealizedPnl.toFixed(2),
      realizedPnl: realizedPnl.toFixed(2),
      positions: valued.filter((p) => !new Decimal(p.quantity).isZero()),
      unpriced,
      at: this.clock.now(),
    };
  }

  private async lastPrice(symbol: string): Promise<Decimal | null> {
    try {
      return new Decimal((await this.marketData.quote(symbol)).last);
    } catch {
      return null;
    }
  }

  private async publish(): Promise<void> {
    const valuation = await this.valuation();
    this.value.set(Number(valuation.equity));
    this.cash.set(Number(valuation.cash));
    this.unrealized.set(Number(valuation.unrealizedPnl));
    this.openPositions.set(valuation.positions.length);
  }

  private ledger(
    manager: EntityManager,
    kind: CashEntryKind,
    amount: Decimal,
    balanceAfter: Decimal,
    fill: FillEntity | null,
    settlesAt: Date | null,
  ): Promise<unknown> {
    return manager.insert(CashLedgerEntity, {
      kind,
      amount: amount.toFixed(2),
      balanceAfter: balanceAfter.toFixed(2),
      fillId: fill?.id ?? null,
      at: fill?.executedAt ?? this.clock.now(),
      settlesAt,
    });
  }
}

function valuePosition(position: PositionEntity, last: Decimal | null): PositionValuation {
  const quantity = new Decimal(position.quantity);
  const marketValue = last?.times(quantity) ?? null;
  return {
    symbol: position.symbol,
    quantity: quantity.toString(),
    averageCost: decimalString(position.averageCost),
    lastPrice: last?.toString() ?? null,
    marketValue: marketValue?.toFixed(2) ?? null,
    unrealizedPnl: marketValue
      ? marketValue.minus(quantity.times(position.averageCost)).toFixed(2)
      : null,
    realizedPnl: decimalString(position.realizedPnl),
    openedAt: position.openedAt,
  };
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import type { Gauge } from 'prom-client';
import { DataSource, EntityManager, EntityNotFoundError } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { decimalString } from '../common/decimal-string';
import { AppConfig } from '../config';
import type { FillEntity } from '../execution/fill.entity';
import { MarketDataService } from '../market-data/market-data.service';
import { InjectMetric, MetricsExposition } from '../observability';
import { ChangeDrivenValue, DataChanges } from '../observability/metrics/freshness/data-changes';
import { AccountEntity } from './account.entity';
import { CashEntryKind, CashLedgerEntity } from './cash-ledger.entity';
import { ClosedTradeEntity } from './closed-trade.entity';
import { applyFillToPosition } from './ledger';
import { PositionEntity } from './position.entity';
import { settlementDate } from './settlement';

export const ACCOUNT_ID = 'main';
/** How late fills made by other replicas on the same database may reach this one's gauges. */
const OTHER_WRITERS_VISIBLE_WITHIN_MS = 10_000;

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

type BookPosition = Pick<
  PositionEntity,
  'symbol' | 'quantity' | 'averageCost' | 'realizedPnl' | 'openedAt'
>;

/** The stored side of a valuation: cash and every position row. */
interface Book {
  cash: Decimal;
  positions: BookPosition[];
}

/** The account's cash on every row, with each position (none: one row of nulls). */
const BOOK_QUERY = `
  SELECT a.cash, p.symbol, p.quantity, p.average_cost, p.realized_pnl, p.opened_at
    FROM account a LEFT JOIN positions p ON true
   WHERE a.id = $1
   ORDER BY p.symbol`;

interface BookRow {
  cash: string;
  symbol: string | null;
  quantity: string;
  average_cost: string;
  realized_pnl: string;
  opened_at: Date | null;
}

/** Positions, cash and the ledger: every fill moves them in the transaction that records it. */
@Injectable()
export class PortfolioService implements OnModuleInit {
  /**
   * Moves with every fill (cash, positions, closed trades): gauges computed from those read the
   * database again only then. An external database may have other replicas writing to it.
   */
  readonly changes: DataChanges;
  private readonly book: ChangeDrivenValue<Book>;

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
  ) {
    this.changes = new DataChanges({
      othersWriteWithinMs: config.database.url ? OTHER_WRITERS_VISIBLE_WITHIN_MS : Infinity,
    });
    this.book = new ChangeDrivenValue([this.changes], () => this.readBook());
  }

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
    this.changes.changed(manager);
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
      // After the account row's lock, so this transaction has an id before the row has one:
      // what PerformanceService's reading of new closed trades (CommittedRows) relies on.
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
    return this.valueBook(await this.readBook());
  }

  /** One query, so cash and positions are one snapshot (and a third of two TypeORM finds' CPU). */
  private async readBook(): Promise<Book> {
    const rows = (await this.dataSource.query(BOOK_QUERY, [ACCOUNT_ID])) as BookRow[];
    if (rows.length === 0) throw new EntityNotFoundError(AccountEntity, { id: ACCOUNT_ID });
    const positions = rows
      .filter((row) => row.symbol !== null)
      .map((row) => ({
        symbol: row.symbol as string,
        quantity: row.quantity,
        averageCost: row.average_cost,
        realizedPnl: row.realized_pnl,
        openedAt: row.opened_at,
      }));
    return { cash: new Decimal(rows[0].cash), positions };
  }

  /** Open positions at their last price (closed ones only add their realized P/L). */
  private async valueBook({ cash, positions }: Book): Promise<PortfolioValuation> {
    const unpriced: string[] = [];
    const valued = await Promise.all(
      positions
        .filter((p) => !new Decimal(p.quantity).isZero() || !new Decimal(p.realizedPnl).isZero())
        .map(async (position) => {
          if (new Decimal(position.quantity).isZero()) return valuePosition(position, null);
          const last = await this.lastPrice(position.symbol);
          if (last === null) unpriced.push(position.symbol);
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

  /** The stored book only when a fill changed it since the last scrape; prices every scrape. */
  private async publish(): Promise<void> {
    const valuation = await this.valueBook(await this.book.get());
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

function valuePosition(position: BookPosition, last: Decimal | null): PositionValuation {
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

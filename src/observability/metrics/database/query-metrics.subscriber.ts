import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Pool } from 'pg';
import type { Counter, Gauge, Registry } from 'prom-client';
import type {
  AfterQueryEvent,
  BeforeQueryEvent,
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { MetricsExposition } from '../exposition/metrics-exposition.service';
import { CollectedFamily } from '../exposition/collected-family';
import { METRICS_OPTIONS, METRICS_REGISTRY } from '../metrics.constants';
import { DATABASE_QUERIES_TOTAL, DATABASE_QUERY_DURATION_SECONDS } from './database.metrics';
import { QueryStats } from './query-stats';
import type { ResolvedMetricsOptions } from '../metrics-options.interface';
import { errorClass, queryType } from './query-classification';

/**
 * A TypeORM subscriber that sees every query the DataSource runs (before and after), so each one
 * is timed with sub-millisecond precision — TypeORM's logger only reports slow queries' times.
 */
@Injectable()
export class QueryMetricsSubscriber implements EntitySubscriberInterface, OnModuleInit {
  private readonly startedAt = new WeakMap<QueryRunner, number>();
  private readonly stats = new QueryStats();

  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(METRICS_OPTIONS) private readonly options: ResolvedMetricsOptions,
    private readonly exposition: MetricsExposition,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @InjectMetric('database_query_errors_total') private readonly errors: Counter<string>,
    @InjectMetric('database_transactions_total') private readonly transactions: Counter<string>,
    @InjectMetric('database_connection_pool_usage') private readonly pool: Gauge<string>,
  ) {}

  onModuleInit(): void {
    if (!this.options.enabled) return;
    const stats = this.stats;
    new CollectedFamily(DATABASE_QUERY_DURATION_SECONDS, () => stats.durations()).registerIn(
      this.registry,
    );
    new CollectedFamily(DATABASE_QUERIES_TOTAL, () => stats.queries()).registerIn(this.registry);
    this.dataSource.subscribers.push(this);
    this.exposition.addCollector(() => this.collectPool());
  }

  beforeQuery(event: BeforeQueryEvent): void {
    this.startedAt.set(event.queryRunner, performance.now());
  }

  afterQuery(event: AfterQueryEvent): void {
    const startedAt = this.startedAt.get(event.queryRunner);
    const type = queryType(event.query);
    const seconds = startedAt === undefined ? undefined : (performance.now() - startedAt) / 1000;
    this.stats.record(type, seconds, event.success);
    if (!event.success) this.errors.inc({ query_type: type, error_class: errorClass(event.error) });
  }

  afterTransactionCommit(_event: TransactionCommitEvent): void {
    this.transactions.inc({ outcome: 'commit' });
  }

  afterTransactionRollback(_event: TransactionRollbackEvent): void {
    this.transactions.inc({ outcome: 'rollback' });
  }

  private collectPool(): void {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) return;
    this.pool.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    this.pool.set({ state: 'idle' }, pool.idleCount);
    this.pool.set({ state: 'waiting' }, pool.waitingCount);
    this.pool.set({ state: 'max' }, pool.options.max ?? 10);
  }
}

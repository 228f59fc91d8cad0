import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Pool } from 'pg';
import type { Counter, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { MetricsExposition } from '../exposition/metrics-exposition.service';
import { CollectedFamily } from '../exposition/collected-family';
import { METRICS_OPTIONS, METRICS_REGISTRY } from '../metrics.constants';
import { DATABASE_QUERIES_TOTAL, DATABASE_QUERY_DURATION_SECONDS } from './database.metrics';
import { QueryStats } from './query-stats';
import type { ResolvedMetricsOptions } from '../metrics-options.interface';
import { errorClass, queryType } from './query-classification';
import { timeQueries } from './query-timing';

/**
 * Query, transaction and pool metrics of the default DataSource's PostgreSQL pool. Every query is
 * timed at the driver (see `timeQueries`); a transaction is counted when its COMMIT or ROLLBACK
 * statement succeeds, whoever sent it.
 */
@Injectable()
export class DatabaseMetricsService implements OnModuleInit {
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
    const pool = this.masterPool();
    if (!this.options.enabled || !pool) return;
    const stats = this.stats;
    new CollectedFamily(DATABASE_QUERY_DURATION_SECONDS, () => stats.durations()).registerIn(
      this.registry,
    );
    new CollectedFamily(DATABASE_QUERIES_TOTAL, () => stats.queries()).registerIn(this.registry);
    const commits = this.transactions.labels({ outcome: 'commit' });
    const rollbacks = this.transactions.labels({ outcome: 'rollback' });
    timeQueries(pool, (sql, seconds, error) => {
      const type = queryType(sql);
      this.stats.record(type, seconds, error === undefined);
      if (error !== undefined) {
        this.errors.inc({ query_type: type, error_class: errorClass(error) });
      } else if (type === 'other') {
        if (sql === 'COMMIT') commits.inc();
        else if (sql === 'ROLLBACK') rollbacks.inc();
      }
    });
    this.exposition.addCollector(() => this.collectPool(pool));
  }

  private masterPool(): Pool | undefined {
    return (this.dataSource.driver as unknown as { master?: Pool }).master;
  }

  private collectPool(pool: Pool): void {
    this.pool.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    this.pool.set({ state: 'idle' }, pool.idleCount);
    this.pool.set({ state: 'waiting' }, pool.waitingCount);
    this.pool.set({ state: 'max' }, pool.options.max ?? 10);
  }
}

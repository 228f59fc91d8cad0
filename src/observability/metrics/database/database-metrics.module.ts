import { Module } from '@nestjs/common';
import { metricProviders } from '../metric-factory';
import {
  DATABASE_METRICS,
  DATABASE_QUERIES_TOTAL,
  DATABASE_QUERY_DURATION_SECONDS,
} from './database.metrics';
import { DatabaseMetricsService } from './database-metrics.service';

/**
 * Query, transaction and pool metrics for the default TypeORM DataSource's PostgreSQL pool. Import it beside
 * `TypeOrmModule.forRoot…`; it needs `MetricsModule.forRoot` in the app.
 */
// The per-query families are kept by DatabaseMetricsService itself (QueryStats), read at scrape time.
const PER_QUERY = new Set<string>([
  DATABASE_QUERIES_TOTAL.name,
  DATABASE_QUERY_DURATION_SECONDS.name,
]);

@Module({
  providers: [
    ...metricProviders(DATABASE_METRICS.filter((definition) => !PER_QUERY.has(definition.name))),
    DatabaseMetricsService,
  ],
})
export class DatabaseMetricsModule {}

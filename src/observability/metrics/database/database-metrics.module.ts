import { Module } from '@nestjs/common';
import { metricProviders } from '../metric-factory';
import { DATABASE_METRICS } from './database.metrics';
import { QueryMetricsSubscriber } from './query-metrics.subscriber';

/**
 * Query, transaction and pool metrics for the default TypeORM DataSource. Import it beside
 * `TypeOrmModule.forRoot…`; it needs `MetricsModule.forRoot` in the app.
 */
@Module({
  providers: [...metricProviders(DATABASE_METRICS), QueryMetricsSubscriber],
})
export class DatabaseMetricsModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseMetricsModule } from '../observability';
import { DatabaseOptions, typeOrmOptions } from './typeorm-options';

/** The PostgreSQL DataSource (migrations run on start) with every query timed. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(typeOrmOptions(options)), DatabaseMetricsModule],
    };
  }
}

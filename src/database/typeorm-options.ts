import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  /** Attempts to connect at start-up before giving up. @default 3 */
  retryAttempts?: number;
}

/** One place for the DataSource settings: the app and the migration CLI both use it. */
export function typeOrmOptions(options: DatabaseOptions): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: options.poolSize, connectionTimeoutMillis: 5000 },
    retryAttempts: options.retryAttempts ?? 3,
    retryDelay: 1000,
    logging: false,
  };
}

export { AppLogger } from './app-logger';
export { LoggingModule, requestId } from './logging.module';
export type { LoggingOptions } from './logging.module';

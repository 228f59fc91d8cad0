export { AppConfig, ConfigurationError, loadConfig } from './app-config';
export { ConfigModule } from './config.module';
export type { LogLevel } from './environment';

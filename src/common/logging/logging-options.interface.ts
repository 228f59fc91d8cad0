import type { LogLevel } from '../../config';

export interface LoggingOptions {
  level: LogLevel;
  /** Paths whose successful requests are not logged (probes, scrapes); failures still are. */
  quietPaths: string[];
}

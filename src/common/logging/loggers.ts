import pino, { Logger } from 'pino';
import type { LogLevel } from '../../config';

/** Anything that might carry a secret, wherever a log call puts it. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export interface Loggers {
  root: Logger;
  access: Logger;
}

/**
 * Two pino loggers on one stdout stream, so their lines never interleave mid-line: the root
 * logger redacts, the access logger skips redaction (its lines hold only the request id, method,
 * path and status it picked), which saves a deep clone per request.
 */
export function createLoggers(level: LogLevel): Loggers {
  const destination = pino.destination({ dest: 1, sync: false });
  return {
    root: pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination),
    access: pino({ level }, destination),
  };
}

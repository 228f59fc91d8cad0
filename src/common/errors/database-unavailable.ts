import { DomainError } from './domain-error';

/**
 * PostgreSQL error codes that mean "the server is not there for us right now": class 08
 * (connection exceptions), 57P01-57P03 (shutdown, crash, starting up) and 53300 (too many
 * connections). Anything else from the database is a real error.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Socket errors of a connection that could not be made or was cut. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** What node-postgres and its pool say (without a code) when a connection dies or never comes. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /terminating connection due to/i,
  /the database system is (shutting down|starting up)/i,
];

/**
 * TypeORM releases a transaction's query runner when its connection dies, so the transaction's
 * next statement fails with one of these (the runner's, or its EntityManager's) instead of the
 * connection error (our code never reuses a released runner otherwise).
 */
const UNAVAILABLE_ERROR_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

/** A database that cannot be reached now (the request may succeed once it returns). */
export class DatabaseUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'database_unavailable';
  override name = 'DatabaseUnavailableError';

  constructor(
    message = 'the database is unavailable: the request was not carried out and nothing was recorded; try again shortly',
  ) {
    super(message);
  }
}

/**
 * True when `error` (a pg or TypeORM error, possibly wrapped) says the database is unreachable
 * rather than that a statement was wrong.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  if (error instanceof DatabaseUnavailableError) return true;
  const { name, code, message, driverError, cause, errors } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof name === 'string' && UNAVAILABLE_ERROR_NAMES.has(name)) return true;
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))
  )
    return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  const nested = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

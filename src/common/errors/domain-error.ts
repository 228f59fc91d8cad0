/**
 * Base of the typed errors domain code throws; the exception filter maps each to its HTTP status
 * and a client-safe message. `code` is a stable machine-readable name (and a bounded label).
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
}

export class UnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'unavailable';
}

export const VENDOR_ERROR_KINDS = [
  'timeout',
  'network',
  'rate_limited',
  'client_error',
  'server_error',
  'invalid_response',
] as const;
export type VendorErrorKind = (typeof VENDOR_ERROR_KINDS)[number];

const RETRYABLE_KINDS: ReadonlySet<VendorErrorKind> = new Set([
  'timeout',
  'network',
  'rate_limited',
  'server_error',
]);

export interface VendorHttpErrorDetails {
  kind: VendorErrorKind;
  method: string;
  /** The path as the caller passed it: never the base URL, the query string or the api key. */
  path: string;
  attempts: number;
  status?: number;
  /** What the server asked for in `Retry-After`, before capping. */
  retryAfterMs?: number;
  cause?: unknown;
}

const describe = ({ kind, method, path, status, attempts }: VendorHttpErrorDetails): string => {
  const outcome = status === undefined ? kind : `HTTP ${status} (${kind})`;
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return `${method} ${path} failed: ${outcome} after ${tries}`;
};

/**
 * The only error a vendor call rejects with. The message names method, path, status and kind
 * and nothing else; details such as the underlying socket error travel in `cause`.
 */
export class VendorHttpError extends Error {
  override readonly name = 'VendorHttpError';
  readonly kind: VendorErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly attempts: number;
  readonly retryAfterMs?: number;

  constructor(details: VendorHttpErrorDetails) {
    super(describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Whether another attempt could succeed: transport failures, 5xx, 408 and 429. */
  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }
}

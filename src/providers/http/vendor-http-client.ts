import { setTimeout as delay } from 'node:timers/promises';
import { VendorErrorKind, VendorHttpError } from './vendor-http-error';

export { VendorErrorKind, VendorHttpError } from './vendor-http-error';

export interface VendorHttpOptions {
  /** e.g. `http://127.0.0.1:4010/v1`; http(s) only, without credentials, query or fragment. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; never logged or put in errors. */
  apiKey?: string;
  /** Per attempt, covering the headers and the body. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Retry n (1-based) waits random(0, min(maxBackoffMs, backoffBaseMs * 2^(n-1))). */
  backoffBaseMs: number;
  /** Also caps a server's `Retry-After`. */
  maxBackoffMs: number;
  /** Larger bodies are rejected as `invalid_response`; default 5 MiB. */
  maxResponseBytes?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Clock for HTTP-date `Retry-After` values; default `Date.now`. */
  now?: () => number;
}

/** Best-effort hooks for metrics; an exception thrown by a hook is ignored. */
export interface VendorCallObserver {
  /** Before each attempt, 1-based. */
  onAttempt?(attempt: number): void;
  /** On every 429, with the server's `Retry-After` before capping, if it sent a valid one. */
  onRateLimited?(retryAfterMs: number | undefined): void;
  /** After attempt `attempt` failed and before sleeping `delayMs` for the next one. */
  onRetry?(attempt: number, delayMs: number, error: VendorHttpError): void;
}

export type VendorQuery = Record<string, string | number | undefined>;

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

const METHOD = 'GET';
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);
const HTTP_DATE_START = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i;

interface Settings {
  timeoutMs: number;
  maxRetries: number;
  backoffBaseMs: number;
  maxBackoffMs: number;
  maxResponseBytes: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

interface AttemptContext {
  path: string;
  attempt: number;
  signal: AbortSignal;
}

/** JSON-over-HTTP GET client for market-data, sentiment and options-flow vendors. */
export class VendorHttpClient {
  readonly #baseUrl: URL;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #settings: Settings;

  constructor(options: VendorHttpOptions) {
    this.#baseUrl = parseBaseUrl(options.baseUrl);
    this.#settings = resolveSettings(options);
    this.#headers = {
      accept: 'application/json',
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    };
  }

  async getJson<T>(
    path: string,
    query: VendorQuery,
    parse: (body: unknown) => T,
    observer?: VendorCallObserver,
  ): Promise<T> {
    const url = buildUrl(this.#baseUrl, path, query);
    for (let attempt = 1; ; attempt++) {
      notify(() => observer?.onAttempt?.(attempt));
      try {
        return await this.#attempt(url, path, attempt, parse);
      } catch (error) {
        if (!(error instanceof VendorHttpError)) throw error;
        await this.#beforeRetry(error, attempt, observer);
      }
    }
  }

  async #beforeRetry(
    error: VendorHttpError,
    attempt: number,
    observer: VendorCallObserver | undefined,
  ): Promise<void> {
    if (error.kind === 'rate_limited') notify(() => observer?.onRateLimited?.(error.retryAfterMs));
    if (!error.retryable || attempt > this.#settings.maxRetries) throw error;
    const delayMs = this.#retryDelay(attempt, error.retryAfterMs);
    notify(() => observer?.onRetry?.(attempt, delayMs, error));
    await this.#settings.sleep(delayMs);
  }

  #retryDelay(attempt: number, retryAfterMs: number | undefined): number {
    const { backoffBaseMs, maxBackoffMs, random } = this.#settings;
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxBackoffMs);
    const ceiling = Math.min(maxBackoffMs, backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(Math.min(Math.max(random(), 0), 1) * ceiling);
  }

  async #attempt<T>(
    url: URL,
    path: string,
    attempt: number,
    parse: (body: unknown) => T,
  ): Promise<T> {
    const context: AttemptContext = {
      path,
      attempt,
      signal: AbortSignal.timeout(this.#settings.timeoutMs),
    };
    const response = await this.#send(url, context);
    this.#rejectUnsuccessful(response, context);
    const text = await this.#readBody(response, context);
    return decode(text, parse, context, response.status);
  }

  async #send(url: URL, context: AttemptContext): Promise<Response> {
    try {
      return await fetch(url, {
        method: METHOD,
        headers: this.#headers,
        redirect: 'manual',
        signal: context.signal,
      });
    } catch (cause) {
      throw transportError(cause, context);
    }
  }

  #rejectUnsuccessful(response: Response, context: AttemptContext): void {
    const kind = statusKind(response.status);
    if (kind === undefined) return;
    void response.body?.cancel().catch(() => undefined);
    throw failure(context, kind, {
      status: response.status,
      retryAfterMs: RETRY_AFTER_STATUSES.has(response.status)
        ? parseRetryAfter(response.headers.get('retry-after'), this.#settings.now())
        : undefined,
    });
  }

  async #readBody(response: Response, context: AttemptContext): Promise<string> {
    const limit = this.#settings.maxResponseBytes;
    const tooLarge = () =>
      failure(context, 'invalid_response', {
        status: response.status,
        cause: new Error(`response body exceeds ${limit} bytes`),
      });
    if (Number(response.headers.get('content-length') ?? 0) > limit) {
      void response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    const bytes = await this.#readCapped(response, context, limit, tooLarge);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw failure(context, 'invalid_response', { status: response.status, cause });
    }
  }

  async #readCapped(
    response: Response,
    context: AttemptContext,
    limit: number,
    tooLarge: () => VendorHttpError,
  ): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    if (!reader) return new Uint8Array();
    for (;;) {
      const { done, value } = await reader.read().catch((cause: unknown) => {
        throw transportError(cause, context);
      });
      if (done) return Buffer.concat(chunks, size);
      size += value.byteLength;
      if (size > limit) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
}

function failure(
  context: AttemptContext,
  kind: VendorErrorKind,
  extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
): VendorHttpError {
  return new VendorHttpError({
    kind,
    method: METHOD,
    path: context.path,
    attempts: context.attempt,
    ...extra,
  });
}

function transportError(cause: unknown, context: AttemptContext): VendorHttpError {
  return failure(context, context.signal.aborted ? 'timeout' : 'network', { cause });
}

function decode<T>(
  text: string,
  parse: (body: unknown) => T,
  context: AttemptContext,
  status: number,
): T {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw failure(context, 'invalid_response', { status, cause });
  }
  try {
    return parse(body);
  } catch (cause) {
    throw failure(context, 'invalid_response', { status, cause });
  }
}

function statusKind(status: number): VendorErrorKind | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'invalid_response';
}

/** `Retry-After` as delta-seconds or an HTTP-date, in ms from `now`; undefined if unusable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** IMF-fixdate, RFC 850 or asctime; the last has no zone but means GMT. */
function parseHttpDate(value: string): number | undefined {
  if (!HTTP_DATE_START.test(value)) return undefined;
  const date = Date.parse(/\bGMT$/i.test(value) ? value : `${value} GMT`);
  return Number.isNaN(date) ? undefined : date;
}

function notify(hook: () => void): void {
  try {
    hook();
  } catch {
    // Metrics hooks must never change the outcome of a vendor call.
  }
}

function parseBaseUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('VendorHttpClient: baseUrl must be an http(s) URL');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError('VendorHttpClient: baseUrl must not carry credentials, query or fragment');
  }
  return url;
}

function resolveSettings(options: VendorHttpOptions): Settings {
  requireNumber('timeoutMs', options.timeoutMs, 1);
  requireNumber('maxRetries', options.maxRetries, 0, true);
  requireNumber('backoffBaseMs', options.backoffBaseMs, 0);
  requireNumber('maxBackoffMs', options.maxBackoffMs, 0);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  requireNumber('maxResponseBytes', maxResponseBytes, 1, true);
  return {
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    backoffBaseMs: options.backoffBaseMs,
    maxBackoffMs: options.maxBackoffMs,
    maxResponseBytes,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms) => delay(ms)),
    now: options.now ?? Date.now,
  };
}

function requireNumber(name: string, value: number, min: number, integer = false): void {
  const valid = Number.isFinite(value) && value >= min && (!integer || Number.isInteger(value));
  if (!valid) {
    const what = integer ? 'an integer' : 'a number';
    throw new RangeError(`VendorHttpClient: ${name} must be ${what} >= ${min}`);
  }
}

/**
 * Appends `path` to the base URL's path. Path segments are the caller's to encode (use
 * encodeURIComponent on symbols); dot segments are refused so a symbol cannot climb out.
 */
function buildUrl(base: URL, path: string, query: VendorQuery): URL {
  const relative = path.replace(/^[/\\]+/, '');
  if (relative.split(/[/\\]/).some(isDotSegment)) {
    throw new TypeError(`VendorHttpClient: dot segments are not allowed in path ${path}`);
  }
  const url = new URL(base.href);
  if (relative) url.pathname = `${url.pathname.replace(/\/+$/, '')}/${relative}`;
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}

function isDotSegment(segment: string): boolean {
  const decoded = segment.toLowerCase().replaceAll('%2e', '.');
  return decoded === '.' || decoded === '..';
}

import type { IncomingMessage } from 'node:http';
import { UNMATCHED_ENDPOINT } from '../metrics.constants';

/** Templates that match any path: `*path`, `/*path`, `{/*splat}`. */
const CATCH_ALL = /^\{?\/?\*/;

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Methods outside the common set (WebDAV verbs, garbage) share one label value. */
export function methodLabel(method: string | undefined): string {
  return method !== undefined && KNOWN_METHODS.has(method) ? method : 'OTHER';
}

/**
 * The matched route's template (`/api/orders/:id`). Every unmatched path shares one value, and so
 * does a catch-all route (a template starting with a wildcard, like Nest's 404 handler).
 */
export function endpointLabel(req: IncomingMessage): string {
  const route = (req as IncomingMessage & { route?: RouteWithLabel }).route;
  if (route === undefined) return UNMATCHED_ENDPOINT;
  return (route[ENDPOINT] ??= templateLabel(route.path));
}

const ENDPOINT = Symbol('endpointLabel');
type RouteWithLabel = { path?: unknown; [ENDPOINT]?: string };

const templateLabel = (path: unknown): string =>
  typeof path === 'string' && path.length > 0 && !CATCH_ALL.test(path) ? path : UNMATCHED_ENDPOINT;

/** nginx's "client closed request": the status recorded for requests aborted before a response. */
export const CLIENT_CLOSED_REQUEST = 499;

const ERROR_TYPES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  [CLIENT_CLOSED_REQUEST]: 'client_aborted',
  500: 'internal_error',
  501: 'not_implemented',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** A closed set of error types derived from the final status; undefined below 400. */
export function errorTypeLabel(statusCode: number): string | undefined {
  if (statusCode < 400) return undefined;
  return ERROR_TYPES[statusCode] ?? (statusCode < 500 ? 'client_error' : 'server_error');
}

import { BUCKETS, defineCounter, defineGauge, defineHistogram } from '../metric-definition';

export const HTTP_REQUESTS_TOTAL = defineCounter({
  name: 'http_requests_total',
  help: 'HTTP requests completed or aborted, by route template, method and final status code.',
  labelNames: ['endpoint', 'method', 'status_code'],
});

export const HTTP_REQUEST_DURATION_SECONDS = defineHistogram({
  name: 'http_request_duration_seconds',
  help: 'Time from the request reaching the app to the response finishing (or the client aborting).',
  labelNames: ['endpoint', 'method'],
  buckets: BUCKETS.fastSeconds,
});

export const HTTP_REQUEST_SIZE_BYTES = defineHistogram({
  name: 'http_request_size_bytes',
  help: 'Request body size from Content-Length (0 when there is no body).',
  labelNames: ['endpoint'],
  buckets: BUCKETS.bytes,
});

export const HTTP_RESPONSE_SIZE_BYTES = defineHistogram({
  name: 'http_response_size_bytes',
  help: 'Response body size from Content-Length, for responses that declare one.',
  labelNames: ['endpoint'],
  buckets: BUCKETS.bytes,
});

export const HTTP_ERRORS_TOTAL = defineCounter({
  name: 'http_errors_total',
  help: 'Requests that ended with a 4xx or 5xx status or were aborted by the client, by error type.',
  labelNames: ['endpoint', 'error_type'],
});

export const HTTP_REQUESTS_IN_FLIGHT = defineGauge({
  name: 'http_requests_in_flight',
  help: 'Requests received and not yet finished or aborted.',
});

export const HTTP_METRICS = [
  HTTP_REQUESTS_TOTAL,
  HTTP_REQUEST_DURATION_SECONDS,
  HTTP_REQUEST_SIZE_BYTES,
  HTTP_RESPONSE_SIZE_BYTES,
  HTTP_ERRORS_TOTAL,
  HTTP_REQUESTS_IN_FLIGHT,
] as const;

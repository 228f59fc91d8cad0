import { defineCounter, defineGauge } from '../../observability';

export const RATE_LIMITED_REQUESTS_TOTAL = defineCounter({
  name: 'rate_limited_requests_total',
  help: 'Requests refused with 429 because their client was over RATE_LIMIT_PER_MINUTE, by endpoint.',
  labelNames: ['endpoint'],
});

export const RATE_LIMIT_CLIENTS = defineGauge({
  name: 'rate_limit_clients',
  help: 'Clients (IP addresses) the rate limiter currently tracks: those with requests in the last minute.',
});

export const RATE_LIMIT_REQUESTS_PER_MINUTE = defineGauge({
  name: 'rate_limit_requests_per_minute',
  help: 'The configured limit: requests per minute one client may make to /api routes.',
});

export const RATE_LIMIT_METRICS = [
  RATE_LIMITED_REQUESTS_TOTAL,
  RATE_LIMIT_CLIENTS,
  RATE_LIMIT_REQUESTS_PER_MINUTE,
];

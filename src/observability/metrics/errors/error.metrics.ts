import { defineCounter } from '../metric-definition';

export const ERRORS_TOTAL = defineCounter({
  name: 'errors_total',
  help: 'Errors handled by the application, by error type and component.',
  labelNames: ['type', 'component'],
});

export const EXCEPTIONS_TOTAL = defineCounter({
  name: 'exceptions_total',
  help: 'Unexpected exceptions (not a client error), by exception class and component.',
  labelNames: ['type', 'component'],
});

export const CRITICAL_ERRORS_TOTAL = defineCounter({
  name: 'critical_errors_total',
  help: 'Errors that endanger the process or its data (uncaught exceptions, unhandled rejections, ...).',
  labelNames: ['component'],
});

export const ERROR_METRICS = [ERRORS_TOTAL, EXCEPTIONS_TOTAL, CRITICAL_ERRORS_TOTAL] as const;

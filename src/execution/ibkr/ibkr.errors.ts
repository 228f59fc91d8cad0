import { DomainError } from '../../common/errors/domain-error';

/** TWS / IB Gateway is not reachable (or has lost its own link to IB): try again later. */
export class IbkrUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'broker_unavailable';
}

/** The IB client library refused a request before it reached TWS. */
export class IbkrRequestError extends DomainError {
  readonly status = 502;
  readonly code = 'broker_request_failed';
}

/** The adapter's options cannot work. */
export class IbkrOptionsError extends Error {
  constructor(problems: string[]) {
    super(`invalid Interactive Brokers options: ${problems.join('; ')}`);
    this.name = 'IbkrOptionsError';
  }
}

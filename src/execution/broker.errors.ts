import { DomainError } from '../common/errors/domain-error';

/** The broker is not connected: an order is refused before anything is written. */
export class BrokerUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'broker_unavailable';
  override name = 'BrokerUnavailableError';
}

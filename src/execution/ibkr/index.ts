export { IbkrBroker } from './ibkr-broker';
export type { IbkrBrokerOptions, Sleep } from './ibkr-broker';
export { createIbApi } from './ibkr-client';
export type { IbClient, IbClientFactory, IbEndpoint } from './ibkr-client';
export { IbkrOptionsError, IbkrRequestError, IbkrUnavailableError } from './ibkr.errors';

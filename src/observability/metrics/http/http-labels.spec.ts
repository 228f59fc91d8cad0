import type { IncomingMessage } from 'node:http';
import { UNMATCHED_ENDPOINT } from '../metrics.constants';
import { endpointLabel, errorTypeLabel, methodLabel } from './http-labels';

const withRoute = (path: unknown) => ({ route: { path } }) as unknown as IncomingMessage;

describe('HTTP labels', () => {
  it('uses the matched route template', () => {
    expect(endpointLabel(withRoute('/api/orders/:id'))).toBe('/api/orders/:id');
  });

  it.each([[undefined], [''], ['*path'], ['/*path'], ['{/*splat}'], [42]])(
    'collapses an unmatched or catch-all route (%p) into one value',
    (path) => {
      expect(endpointLabel(withRoute(path))).toBe(UNMATCHED_ENDPOINT);
    },
  );

  it('keeps known methods and folds the rest', () => {
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
    expect(methodLabel(undefined)).toBe('OTHER');
  });

  it('derives a closed set of error types from the status', () => {
    expect(errorTypeLabel(200)).toBeUndefined();
    expect(errorTypeLabel(304)).toBeUndefined();
    expect(errorTypeLabel(401)).toBe('unauthorized');
    expect(errorTypeLabel(418)).toBe('client_error');
    expect(errorTypeLabel(499)).toBe('client_aborted');
    expect(errorTypeLabel(500)).toBe('internal_error');
    expect(errorTypeLabel(599)).toBe('server_error');
  });
});

import { HistogramCells } from '../exposition/collected-family';
import type { FamilySample } from '../exposition/collected-family';
import {
  HTTP_REQUEST_DURATION_SECONDS,
  HTTP_REQUEST_SIZE_BYTES,
  HTTP_RESPONSE_SIZE_BYTES,
} from './http.metrics';

class MethodStats {
  readonly statuses = new Map<number, number>();
  readonly duration = new HistogramCells(HTTP_REQUEST_DURATION_SECONDS.buckets);
}

class EndpointStats {
  readonly methods = new Map<string, MethodStats>();
  readonly requestSize = new HistogramCells(HTTP_REQUEST_SIZE_BYTES.buckets);
  readonly responseSize = new HistogramCells(HTTP_RESPONSE_SIZE_BYTES.buckets);
  readonly errors = new Map<string, number>();

  method(method: string): MethodStats {
    let stats = this.methods.get(method);
    if (!stats) {
      stats = new MethodStats();
      this.methods.set(method, stats);
    }
    return stats;
  }
}

/**
 * The HTTP families' values, kept as plain numbers per endpoint and method: recording a request
 * is a few map lookups and increments, with no label hashing on the request path. The label
 * values are bounded by the recorder (route templates, known methods, status codes).
 */
export class HttpRequestStats {
  private readonly endpoints = new Map<string, EndpointStats>();
  inFlight = 0;

  record(
    endpointLabel: string,
    methodLabel: string,
    status: number,
    seconds: number,
    requestBytes: number,
    responseBytes: number | undefined,
    errorType: string | undefined,
  ): void {
    const endpoint = this.endpoint(endpointLabel);
    const method = endpoint.method(methodLabel);
    method.statuses.set(status, (method.statuses.get(status) ?? 0) + 1);
    method.duration.observe(seconds);
    endpoint.requestSize.observe(requestBytes);
    if (responseBytes !== undefined) endpoint.responseSize.observe(responseBytes);
    if (errorType !== undefined)
      endpoint.errors.set(errorType, (endpoint.errors.get(errorType) ?? 0) + 1);
  }

  requests(): FamilySample[] {
    return this.perMethod((endpoint, method, stats) =>
      [...stats.statuses].map(([status, value]) => ({
        labels: { endpoint, method, status_code: status },
        value,
      })),
    );
  }

  durations(): FamilySample[] {
    return this.perMethod((endpoint, method, stats) =>
      stats.duration.samples(HTTP_REQUEST_DURATION_SECONDS, { endpoint, method }),
    );
  }

  requestSizes(): FamilySample[] {
    return this.perEndpoint((endpoint, stats) =>
      stats.requestSize.samples(HTTP_REQUEST_SIZE_BYTES, { endpoint }),
    );
  }

  responseSizes(): FamilySample[] {
    return this.perEndpoint((endpoint, stats) =>
      stats.responseSize.samples(HTTP_RESPONSE_SIZE_BYTES, { endpoint }),
    );
  }

  errors(): FamilySample[] {
    return this.perEndpoint((endpoint, stats) =>
      [...stats.errors].map(([errorType, value]) => ({
        labels: { endpoint, error_type: errorType },
        value,
      })),
    );
  }

  private endpoint(endpoint: string): EndpointStats {
    let stats = this.endpoints.get(endpoint);
    if (!stats) {
      stats = new EndpointStats();
      this.endpoints.set(endpoint, stats);
    }
    return stats;
  }

  private perEndpoint(
    read: (endpoint: string, stats: EndpointStats) => FamilySample[],
  ): FamilySample[] {
    return [...this.endpoints].flatMap(([endpoint, stats]) => read(endpoint, stats));
  }

  private perMethod(
    read: (endpoint: string, method: string, stats: MethodStats) => FamilySample[],
  ): FamilySample[] {
    return this.perEndpoint((endpoint, stats) =>
      [...stats.methods].flatMap(([method, methodStats]) => read(endpoint, method, methodStats)),
    );
  }
}

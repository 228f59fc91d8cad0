import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import type { Counter } from 'prom-client';
import { endpointLabel, InjectMetric } from '../../observability';
import { isApiRoute } from '../auth/api-token.guard';
import { RATE_LIMITED_REQUESTS_TOTAL } from './rate-limit.metrics';

/**
 * @nestjs/throttler's guard, limited to the /api routes (probes, scrapes and docs pass), with one
 * budget per client across all routes, a message that states the limit, and a counter of refusals.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @InjectMetric(RATE_LIMITED_REQUESTS_TOTAL.name)
    private readonly refused: Counter<'endpoint'>,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    const request = context.switchToHttp().getRequest<Request>();
    return Promise.resolve(!isApiRoute(request));
  }

  /** One key per client, not per handler: the limit is the client's total over the whole API. */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    this.refused.inc({ endpoint: endpointLabel(context.switchToHttp().getRequest<Request>()) });
    throw new ThrottlerException(
      `Too many requests: the limit is ${detail.limit} per minute per client; ` +
        `retry after ${detail.timeToBlockExpire} s`,
    );
  }
}

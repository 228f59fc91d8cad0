import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

export const API_TOKEN = Symbol('API_TOKEN');
/** Every controller under this path segment is part of the token-protected API. */
export const API_PREFIX = 'api';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Global guard: every route under `/api` needs `Authorization: Bearer <API_TOKEN>`. It decides by
 * the matched route's path, so a new `/api` controller is protected without opting in.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(API_TOKEN) token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!isApiRoute(request)) return true;
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    if (match && timingSafeEqual(digest(match[1]), this.expected)) return true;
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('WWW-Authenticate', 'Bearer realm="api"');
    throw new UnauthorizedException(
      'A valid API bearer token is required (Authorization: Bearer <API_TOKEN>)',
    );
  }
}

function isApiRoute(request: Request): boolean {
  const path = typeof request.route?.path === 'string' ? request.route.path : request.path;
  return path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);
}

import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { BearerToken } from '../../observability';

export const API_TOKEN = Symbol('API_TOKEN');
/** Every controller under this path segment is part of the token-protected API. */
export const API_PREFIX = 'api';

/**
 * Global guard: every route under `/api` needs `Authorization: Bearer <API_TOKEN>`. It decides by
 * the matched route's path, so a new `/api` controller is protected without opting in.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  private readonly token: BearerToken;

  constructor(@Inject(API_TOKEN) token: string) {
    this.token = new BearerToken(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!isApiRoute(request)) return true;
    if (this.token.matches(request.headers.authorization)) return true;
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('WWW-Authenticate', 'Bearer realm="api"');
    throw new UnauthorizedException(
      'A valid API bearer token is required (Authorization: Bearer <API_TOKEN>)',
    );
  }
}

/** True for the token-protected routes: the matched route's path (or the URL's) is under /api. */
export function isApiRoute(request: Request): boolean {
  const path = typeof request.route?.path === 'string' ? request.route.path : request.path;
  return path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);
}

import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { IncomingMessage } from 'node:http';

/** Deeper than any DTO needs (they nest two levels), far below what class-transformer can recurse. */
export const MAX_JSON_DEPTH = 32;

/** Keys that could reach an object's prototype if some code ever merged a body into another object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;

/**
 * A request that carries a body must say it is JSON: the API reads nothing else, and a body it
 * would silently ignore (a form, text, multipart) must not run a handler as if none was sent.
 */
export const requireJsonBody: RequestHandler = (req: Request, _res: Response, next: NextFunction) =>
  next(
    hasBody(req) && !req.is('application/json')
      ? new UnsupportedMediaTypeException(
          'request bodies must be JSON: send them with Content-Type: application/json',
        )
      : undefined,
  );

/** The first reason a parsed body is refused (too deep, or a prototype key), else undefined. */
export function jsonShapeProblem(body: unknown): string | undefined {
  const pending: Array<[unknown, number]> = [[body, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH)
      return `request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    const keys = Array.isArray(value) ? [] : Object.keys(value);
    const forbidden = keys.find((key) => FORBIDDEN_KEYS.has(key));
    if (forbidden !== undefined) return `request body must not contain the key "${forbidden}"`;
    const children: unknown[] = Array.isArray(value)
      ? value
      : keys.map((key) => (value as Record<string, unknown>)[key]);
    for (const child of children) pending.push([child, depth + 1]);
  }
  return undefined;
}

/** Refuses parsed bodies that validation would choke on (deep nesting) or that try `__proto__`. */
export const checkJsonShape: RequestHandler = (
  req: Request,
  _res: Response,
  next: NextFunction,
) => {
  const problem = jsonShapeProblem(req.body);
  next(problem === undefined ? undefined : new BadRequestException(problem));
};

/** body-parser's failures as client errors whose message says what to do (and echo no headers). */
export function bodyParserError(error: unknown, limit: string): unknown {
  if (typeof error !== 'object' || error === null || error instanceof HttpException) return error;
  const { type, code, message } = error as { type?: unknown; code?: unknown; message?: unknown };
  switch (type) {
    case 'entity.too.large':
      return new PayloadTooLargeException(
        `request body is too large: the limit is ${limit} (HTTP_BODY_LIMIT)`,
      );
    case 'entity.parse.failed':
      return new BadRequestException(`request body is not valid JSON: ${String(message)}`);
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException('JSON request bodies must be UTF-8');
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException(
        'Content-Encoding of a request body must be gzip, deflate, br or identity',
      );
    case 'request.size.invalid':
      return new BadRequestException('request body length does not match its Content-Length');
    case 'request.aborted':
      return new BadRequestException('request body was aborted by the client');
  }
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new BadRequestException('request body could not be decoded by its Content-Encoding');
  return error;
}

export const describeBodyParserErrors =
  (limit: string): ErrorRequestHandler =>
  (error: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(bodyParserError(error, limit));

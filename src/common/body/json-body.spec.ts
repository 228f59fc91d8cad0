import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { bodyParserError, jsonShapeProblem, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
};

describe('jsonShapeProblem', () => {
  it('accepts scalars, flat and moderately nested bodies', () => {
    expect(jsonShapeProblem(undefined)).toBeUndefined();
    expect(jsonShapeProblem('text')).toBeUndefined();
    expect(jsonShapeProblem({ symbol: 'AAPL', parameters: { fastPeriod: 10 } })).toBeUndefined();
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, without recursing itself', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH + 1))).toBe(
      `request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
    expect(jsonShapeProblem(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toMatch(
      /nested deeper/,
    );
  });

  it('refuses prototype keys at any depth, parsed from JSON as own properties', () => {
    expect(jsonShapeProblem(JSON.parse('{"__proto__":{"x":1}}'))).toBe(
      'request body must not contain the key "__proto__"',
    );
    expect(jsonShapeProblem(JSON.parse('{"a":[{"constructor":{"prototype":1}}]}'))).toBe(
      'request body must not contain the key "constructor"',
    );
    expect(jsonShapeProblem({ a: { prototype: 1 } })).toMatch(/"prototype"/);
  });
});

describe('bodyParserError', () => {
  const failure = (fields: Record<string, unknown>) => Object.assign(new Error('raw'), fields);

  it('turns body-parser failures into client errors with a message that says what to do', () => {
    const tooLarge = bodyParserError(failure({ type: 'entity.too.large' }), '100kb');
    expect(tooLarge).toBeInstanceOf(PayloadTooLargeException);
    expect((tooLarge as Error).message).toBe(
      'request body is too large: the limit is 100kb (HTTP_BODY_LIMIT)',
    );
    const parse = bodyParserError(
      failure({ type: 'entity.parse.failed', message: 'Unexpected end of JSON input' }),
      '1kb',
    );
    expect(parse).toBeInstanceOf(BadRequestException);
    expect((parse as Error).message).toBe(
      'request body is not valid JSON: Unexpected end of JSON input',
    );
    expect(bodyParserError(failure({ type: 'charset.unsupported' }), '1kb')).toBeInstanceOf(
      UnsupportedMediaTypeException,
    );
    expect(bodyParserError(failure({ type: 'encoding.unsupported' }), '1kb')).toBeInstanceOf(
      UnsupportedMediaTypeException,
    );
    expect(bodyParserError(failure({ code: 'Z_DATA_ERROR' }), '1kb')).toBeInstanceOf(
      BadRequestException,
    );
  });

  it('leaves every other error alone', () => {
    const other = new Error('boom');
    expect(bodyParserError(other, '1kb')).toBe(other);
    const http = new BadRequestException('already clear');
    expect(bodyParserError(http, '1kb')).toBe(http);
  });
});

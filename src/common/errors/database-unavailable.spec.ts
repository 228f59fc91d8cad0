import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'an administrator shutdown (57P01)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['a server starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a cut connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'a TypeORM error wrapping the driver error',
      Object.assign(new Error('query failed'), { driverError: withCode('08006') }),
    ],
    ['an AggregateError of refused addresses', new AggregateError([withCode('ECONNREFUSED')], '')],
    ['our own typed error', new DatabaseUnavailableError()],
    ['a transaction whose connection died', new QueryRunnerAlreadyReleasedError()],
    ['a manager whose connection died', new QueryRunnerProviderAlreadyReleasedError()],
  ])('is true for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601', 'syntax error at or near "SELEC"')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a string', 'Connection terminated'],
    ['null', null],
  ])('is false for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});

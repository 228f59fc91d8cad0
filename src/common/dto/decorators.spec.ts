import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsIntegerBetween, IsMoneyLimit } from './number.decorators';
import { IsOmittable } from './optional.decorator';
import { IsIntegerQuery, IsIsoDateTime } from './query.decorators';

class Sample {
  @IsOmittable() @IsIntegerBetween('count', 1, 10) count?: number;
  @IsOmittable() @IsMoneyLimit('cap') cap?: number;
}

class Query {
  @IsOmittable() @IsIntegerQuery('limit', 1, 500) limit?: number;
  @IsOmittable() @IsIsoDateTime('since') since?: Date;
}

const problems = <T extends object>(type: new () => T, plain: object): string[] =>
  validateSync(plainToInstance(type, plain)).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );

describe('DTO decorators', () => {
  it('IsOmittable: a field may be left out, but null is validated like any value', () => {
    expect(problems(Sample, {})).toEqual([]);
    expect(problems(Sample, { count: null, cap: null })).toEqual([
      'count must be an integer',
      'cap must be a number',
    ]);
  });

  it('IsIntegerBetween / IsMoneyLimit: one message that says what is wrong', () => {
    expect(problems(Sample, { count: 10, cap: 1e9 })).toEqual([]);
    expect(problems(Sample, { count: 11, cap: 0.5 })).toEqual([
      'count must be between 1 and 10',
      'cap must be between 1 and 1000000000',
    ]);
    expect(problems(Sample, { count: '5', cap: '5' })).toEqual([
      'count must be an integer',
      'cap must be a number',
    ]);
    expect(problems(Sample, { count: 1.5, cap: Infinity })).toEqual([
      'count must be an integer',
      'cap must be a number',
    ]);
  });

  it('IsIntegerQuery: decimal digits only (not 0x10, 1e2 or padded)', () => {
    expect(plainToInstance(Query, { limit: '42' }).limit).toBe(42);
    expect(problems(Query, { limit: '42' })).toEqual([]);
    for (const limit of ['0x10', '1e2', ' 5', '5 ', '', '1.0', '99999999999999999999'])
      expect([limit, problems(Query, { limit })]).toEqual([limit, ['limit must be an integer']]);
    expect(problems(Query, { limit: '501' })).toEqual(['limit must be between 1 and 500']);
  });

  it('IsIsoDateTime: ISO-8601 with a four-digit year only', () => {
    expect(plainToInstance(Query, { since: '2026-11-25T14:30:00Z' }).since).toEqual(
      new Date('2026-11-25T14:30:00Z'),
    );
    for (const since of ['1', '0', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', 'today'])
      expect([since, problems(Query, { since })]).toEqual([
        since,
        ['since must be an ISO-8601 date-time like 2026-11-25T14:30:00Z'],
      ]);
  });
});

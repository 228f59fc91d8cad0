import { errorClass, queryType } from './query-classification';

describe('queryType', () => {
  it.each([
    ['SELECT 1', 'select'],
    ['SELECT', 'select'],
    ['SELECT\n"a" FROM t', 'select'],
    ['SELECTED', 'other'],
    ['UPDATEs', 'other'],
    ['INSERT', 'insert'],
    ['  select * from t', 'select'],
    ['INSERT INTO t VALUES (1)', 'insert'],
    ['update t set a = 1', 'update'],
    ['DELETE FROM t', 'delete'],
    ['/* comment */ SELECT 1', 'select'],
    ['-- note\nDELETE FROM t', 'delete'],
    ['START TRANSACTION', 'other'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'other'],
    ['', 'other'],
  ])('%p is %p', (sql, type) => {
    expect(queryType(sql)).toBe(type);
  });
});

describe('errorClass', () => {
  it('names the SQLSTATE class', () => {
    expect(errorClass({ code: '42P01' })).toBe('syntax_error_or_access_rule_violation');
    expect(errorClass({ code: '23505' })).toBe('integrity_constraint_violation');
    expect(errorClass({ code: 'XX000' })).toBe('other');
  });

  it('reports errors without a SQLSTATE as connection errors', () => {
    expect(errorClass({ code: 'ECONNREFUSED' })).toBe('connection');
    expect(errorClass(new Error('x'))).toBe('connection');
  });
});

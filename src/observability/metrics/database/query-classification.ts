import type { QueryType } from './database.metrics';

const LEADING_KEYWORD = /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*([A-Za-z]+)/;
const CLASSIFIED = new Set<string>(['select', 'insert', 'update', 'delete']);

/**
 * What TypeORM sends almost always begins with: classified without the regular expression,
 * which was a tenth of the cost of timing every query.
 */
const UPPERCASE_STARTS: readonly (readonly [string, QueryType])[] = [
  ['SELECT', 'select'],
  ['INSERT', 'insert'],
  ['UPDATE', 'update'],
  ['DELETE', 'delete'],
];

/** select / insert / update / delete from the statement's first keyword; everything else is other. */
export function queryType(sql: string): QueryType {
  for (const [start, type] of UPPERCASE_STARTS) {
    if (sql.startsWith(start) && !isWordCharacter(sql.charCodeAt(start.length))) return type;
  }
  const keyword = LEADING_KEYWORD.exec(sql)?.[1]?.toLowerCase();
  return keyword !== undefined && CLASSIFIED.has(keyword) ? (keyword as QueryType) : 'other';
}

/** A–Z, a–z (NaN past the end is not). */
const isWordCharacter = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'connection_exception',
  '22': 'data_exception',
  '23': 'integrity_constraint_violation',
  '25': 'invalid_transaction_state',
  '40': 'transaction_rollback',
  '42': 'syntax_error_or_access_rule_violation',
  '53': 'insufficient_resources',
  '54': 'program_limit_exceeded',
  '57': 'operator_intervention',
  '58': 'system_error',
};

/** A bounded error label: the SQLSTATE class name, `connection` without a SQLSTATE, else `other`. */
export function errorClass(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return 'connection';
  return SQLSTATE_CLASSES[code.slice(0, 2)] ?? 'other';
}

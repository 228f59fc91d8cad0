import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, YamlValue } from './yaml-subset';
import { ALL_METRIC_DEFINITIONS } from '../../src/metrics-catalog';

export const REPO_ROOT = join(__dirname, '..', '..');
export const PROMETHEUS_DIR = join(REPO_ROOT, 'prometheus');
export const RULES_DIR = join(PROMETHEUS_DIR, 'rules');
export const RULE_TESTS_DIR = join(RULES_DIR, 'tests');

export interface Rule {
  file: string;
  group: string;
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface AlertCase {
  file: string;
  test: string;
  alertname: string;
  evalTime: string;
  firing: number;
}

/** The *.yml files of a directory, as paths relative to the repository root, sorted. */
export function ymlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .map((file) => join(dir, file).slice(REPO_ROOT.length + 1));
}

export function readYaml(path: string): YamlValue {
  return parseYaml(readFileSync(join(REPO_ROOT, path), 'utf8'), path);
}

const asMap = (value: YamlValue | undefined, what: string): { [key: string]: YamlValue } => {
  if (value === undefined || typeof value === 'string' || Array.isArray(value))
    throw new Error(`${what} is not a mapping`);
  return value;
};
const asList = (value: YamlValue | undefined, what: string): YamlValue[] => {
  if (value === undefined || value === '') return [];
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
};
const asText = (value: YamlValue | undefined, what: string): string => {
  if (typeof value !== 'string') throw new Error(`${what} is not a scalar`);
  return value;
};
const asStrings = (value: YamlValue | undefined, what: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value === undefined || value === '' ? {} : asMap(value, what)).map(
      ([key, text]) => [key, asText(text, `${what}.${key}`)],
    ),
  );

/** Every recording and alerting rule of the given rule files. */
export function loadRules(files: string[]): Rule[] {
  return files.flatMap((file) =>
    asList(asMap(readYaml(file), file).groups, `${file} groups`).flatMap((entry) => {
      const group = asMap(entry, `${file} group`);
      const name = asText(group.name, `${file} group name`);
      return asList(group.rules, `${file} ${name} rules`).map((item): Rule => {
        const rule = asMap(item, `${file} ${name} rule`);
        return {
          file,
          group: name,
          alert: rule.alert === undefined ? undefined : asText(rule.alert, 'alert'),
          record: rule.record === undefined ? undefined : asText(rule.record, 'record'),
          expr: asText(rule.expr, `${file} ${name} expr`),
          for: rule.for === undefined ? undefined : asText(rule.for, 'for'),
          labels: asStrings(rule.labels, `${file} ${name} labels`),
          annotations: asStrings(rule.annotations, `${file} ${name} annotations`),
        };
      });
    }),
  );
}

/** Every alert_rule_test case of the given promtool test files, with how many alerts it expects. */
export function loadAlertCases(files: string[]): AlertCase[] {
  return files.flatMap((file) =>
    asList(asMap(readYaml(file), file).tests, `${file} tests`).flatMap((entry) => {
      const test = asMap(entry, `${file} test`);
      const name = test.name === undefined ? '(unnamed)' : asText(test.name, 'test name');
      return asList(test.alert_rule_test, `${file} ${name} alert_rule_test`).map((item) => {
        const alertCase = asMap(item, `${file} ${name} case`);
        return {
          file,
          test: name,
          alertname: asText(alertCase.alertname, 'alertname'),
          evalTime: asText(alertCase.eval_time, 'eval_time'),
          firing: asList(alertCase.exp_alerts, 'exp_alerts').length,
        };
      });
    }),
  );
}

// Words of PromQL that are not series names when they are not followed by "(".
const PROMQL_KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'atan2',
  'inf',
  'nan',
]);

/**
 * The series names an expression selects: identifiers followed by "{", "[", ")", an operator,
 * white space or the end, once strings, label matchers, ranges and label lists (by, without,
 * on, ignoring, group_left, group_right) are taken out. Identifiers followed by "(" are
 * functions and aggregations; PromQL keywords are left out.
 */
export function seriesNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const [name] of bare.matchAll(/(?<![\w:.])[A-Za-z_:][\w:]*(?![\w:])(?!\s*\()/g)) {
    if (!PROMQL_KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

/** Label names used in the matchers of each selector: { series name → labels }. */
export function matcherLabels(expr: string): Array<{ series: string; labels: string[] }> {
  const noStrings = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  return [...noStrings.matchAll(/(?<![\w:.])([A-Za-z_:][\w:]*)\s*\{([^}]*)\}/g)].map(
    ([, series, body]) => ({
      series,
      labels: [...body.matchAll(/([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)/g)].map(([, label]) => label),
    }),
  );
}

export interface DocumentedMetric {
  type: string;
  labels: string[];
}

/** Every metric the app defines: name → type and labels. */
export function documentedMetrics(): Map<string, DocumentedMetric> {
  return new Map(
    ALL_METRIC_DEFINITIONS.map((definition) => [
      definition.name,
      { type: definition.type, labels: [...definition.labelNames] },
    ]),
  );
}

/** GitHub's anchor for a Markdown heading. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  documentedMetrics,
  githubSlug,
  loadAlertCases,
  loadRules,
  matcherLabels,
  PROMETHEUS_DIR,
  readYaml,
  REPO_ROOT,
  RULE_TESTS_DIR,
  RULES_DIR,
  seriesNames,
  ymlFiles,
} from './support/prometheus-rules';
import { tools } from './support/tools';

const CONFIG = 'prometheus/prometheus.yml';
const RULE_FILES = ymlFiles(RULES_DIR);
const TEST_FILES = ymlFiles(RULE_TESTS_DIR);
const RUNBOOK_BASE = 'https://github.com/tradewatch/tradewatch/blob/main/docs/RUNBOOKS.md';
/** Series Prometheus makes itself; every other name must be in docs/METRICS_GUIDE.md. */
const PROMETHEUS_OWN = new Set(['up']);

/** Runs promtool from the repository root; fails with its whole output unless it exits 0. */
function promtool(...args: string[]): string {
  const result = spawnSync(tools().promtool, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`promtool ${args.join(' ')} exited with ${result.status}:\n${output}`);
  }
  return output;
}

describe('Prometheus configuration and rules', () => {
  it('has rule files and rule tests to check', () => {
    expect(RULE_FILES).toEqual(['prometheus/rules/alerts.yml', 'prometheus/rules/recording.yml']);
    expect(TEST_FILES.length).toBeGreaterThan(0);
  });

  it('promtool check config accepts prometheus.yml, its rule files and its target files', () => {
    const output = promtool('check', 'config', CONFIG);
    expect(output).toContain(`SUCCESS: ${RULE_FILES.length} rule files found`);
    // The configuration loads exactly the rule files of prometheus/rules/.
    const config = readYaml(CONFIG) as { rule_files: string[] };
    expect(config.rule_files.map((file) => `prometheus/${file}`).sort()).toEqual(RULE_FILES);
  });

  it('the several-replicas file-SD example is a valid target file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradewatch-prometheus-'));
    try {
      const example = join(PROMETHEUS_DIR, 'targets', 'examples', 'tradewatch-replicas.json');
      const config = join(dir, 'prometheus.yml');
      writeFileSync(
        config,
        [
          'scrape_configs:',
          '  - job_name: tradewatch',
          '    file_sd_configs:',
          `      - files: [${JSON.stringify(example)}]`,
          '',
        ].join('\n'),
      );
      promtool('check', 'config', config);
      const groups = JSON.parse(readFileSync(example, 'utf8')) as Array<{ targets: string[] }>;
      expect(groups.flatMap((group) => group.targets).length).toBeGreaterThan(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('promtool check rules accepts every rule file', () => {
    const output = promtool('check', 'rules', ...RULE_FILES);
    for (const file of RULE_FILES) expect(output).toContain(`Checking ${file}`);
  });

  it('promtool test rules passes every rule test', () => {
    const output = promtool('test', 'rules', ...TEST_FILES);
    expect(output.match(/SUCCESS/g)).toHaveLength(TEST_FILES.length);
  });
});

describe('rule contents', () => {
  const rules = loadRules(RULE_FILES);
  const alerts = rules.filter((rule) => rule.alert !== undefined);
  const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
  const metrics = documentedMetrics();

  it('finds series names the way the checks below need', () => {
    expect(
      seriesNames(
        'sum by (job, le) (rate(http_request_duration_seconds_bucket{endpoint!="/x"}[5m])) ' +
          '/ on (job) group_left() job:http_requests:rate5m > bool 0 and up offset 5m',
      ),
    ).toEqual(['http_request_duration_seconds_bucket', 'job:http_requests:rate5m', 'up']);
    expect(metrics.get('http_requests_total')).toEqual({
      type: 'counter',
      labels: ['endpoint', 'method', 'status_code'],
    });
    expect(alerts.length).toBeGreaterThan(10);
    expect(recorded.size).toBeGreaterThan(10);
  });

  it('uses only metrics from docs/METRICS_GUIDE.md, Prometheus own series and recorded series', () => {
    const unknown: string[] = [];
    for (const rule of rules) {
      for (const name of seriesNames(rule.expr)) {
        const base = name.replace(/_(bucket|count|sum)$/, '');
        const known = name.includes(':')
          ? recorded.has(name)
          : PROMETHEUS_OWN.has(name) ||
            (metrics.has(name) && metrics.get(name)?.type !== 'histogram') ||
            (name !== base && metrics.get(base)?.type === 'histogram');
        if (!known) unknown.push(`${rule.alert ?? rule.record}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('matches only labels the metrics have', () => {
    const wrong: string[] = [];
    for (const rule of rules) {
      for (const { series, labels } of matcherLabels(rule.expr)) {
        if (series.includes(':') || PROMETHEUS_OWN.has(series)) continue;
        const base = series.replace(/_bucket$/, '');
        const allowed = new Set([...(metrics.get(base)?.labels ?? []), 'job', 'instance']);
        if (series !== base) allowed.add('le');
        for (const label of labels) {
          if (!allowed.has(label)) wrong.push(`${rule.alert ?? rule.record}: ${series}{${label}}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names recording rules level:metric:operations', () => {
    const bad = [...recorded].filter((name) => !/^[a-z_]+:[a-z_]+:[a-z0-9_]+$/.test(name));
    expect(bad).toEqual([]);
  });

  it('gives every alert a CamelCase name, a severity, a summary, a description and its runbook', () => {
    const runbooks = readFileSync(join(REPO_ROOT, 'docs', 'RUNBOOKS.md'), 'utf8');
    const anchors = new Set(
      [...runbooks.matchAll(/^## (.+)$/gm)].map(([, heading]) => githubSlug(heading)),
    );
    const problems: string[] = [];
    for (const rule of alerts) {
      const name = rule.alert as string;
      const { severity } = rule.labels;
      const { summary, description, runbook_url: runbook } = rule.annotations;
      if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) problems.push(`${name}: not CamelCase`);
      if (!['warning', 'critical'].includes(severity)) problems.push(`${name}: severity`);
      if (!summary || !description) problems.push(`${name}: summary and description`);
      if (!description?.includes('{{')) problems.push(`${name}: description not templated`);
      if (runbook !== `${RUNBOOK_BASE}#${name.toLowerCase()}`)
        problems.push(`${name}: runbook_url`);
      if (!anchors.has(name.toLowerCase())) problems.push(`${name}: no section in RUNBOOKS.md`);
    }
    expect(problems).toEqual([]);
    // And no runbook section for an alert that does not exist.
    const names = new Set(alerts.map((rule) => (rule.alert as string).toLowerCase()));
    expect([...anchors].filter((anchor) => !names.has(anchor))).toEqual([]);
  });

  it('tests every alert both firing and silent', () => {
    const cases = loadAlertCases(TEST_FILES);
    const untested = alerts.flatMap((rule) => {
      const mine = cases.filter((alertCase) => alertCase.alertname === rule.alert);
      return [
        ...(mine.some((alertCase) => alertCase.firing > 0) ? [] : [`${rule.alert}: never fires`]),
        ...(mine.some((alertCase) => alertCase.firing === 0)
          ? []
          : [`${rule.alert}: never silent`]),
      ];
    });
    expect(untested).toEqual([]);
    const names = new Set(alerts.map((rule) => rule.alert));
    expect(cases.filter((alertCase) => !names.has(alertCase.alertname))).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options as PrettierOptions } from 'prettier';
import * as prettier from 'prettier/standalone';
import * as prettierBabel from 'prettier/plugins/babel';
import * as prettierEstree from 'prettier/plugins/estree';
import { collectDefaultMetrics, Registry } from 'prom-client';
import {
  DASHBOARD_JSON_DIR,
  DASHBOARDS_DOC,
  layoutProblems,
  panelsOf,
  renderDashboards,
  renderDoc,
} from '../grafana/generate';
import { CATALOG, PROM_CLIENT_DEFAULT_METRICS } from '../grafana/lib/catalog';
import {
  lintPromQL,
  lintVariableQuery,
  metricNamesIn,
  structuralProblems,
} from '../grafana/lib/promql';
import { ALL_METRIC_DEFINITIONS } from '../src/metrics-catalog';

/** The dashboards' uids are their URLs and link targets: changing one breaks bookmarks. */
const STABLE_UIDS = [
  'tradewatch-overview',
  'tradewatch-trading',
  'tradewatch-strategy',
  'tradewatch-system-health',
  'tradewatch-sentiment',
  'tradewatch-risk',
  'tradewatch-errors',
  'tradewatch-providers',
  'tradewatch-database',
];

/** Grafana's own variables that an expression may use without defining them. */
const BUILTIN_VARIABLES = ['__rate_interval', '__interval', '__range'];

interface Target {
  readonly refId?: string;
  readonly expr?: string;
}

interface Panel {
  readonly id?: number;
  readonly type: string;
  readonly title: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
  readonly targets?: readonly Target[];
  readonly fieldConfig?: { readonly defaults?: { readonly unit?: string } };
  readonly panels?: readonly Panel[];
  readonly gridPos?: { x: number; y: number; w: number; h: number };
}

interface Variable {
  readonly type: string;
  readonly name: string;
  readonly query?: unknown;
  readonly datasource?: { readonly uid?: string };
}

interface DashboardJson {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: { readonly list: readonly Variable[] };
  readonly panels: readonly Panel[];
}

const committedFiles = (): string[] =>
  readdirSync(DASHBOARD_JSON_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort();

const committed: { file: string; text: string; dashboard: DashboardJson }[] = committedFiles().map(
  (file) => {
    const text = readFileSync(join(DASHBOARD_JSON_DIR, file), 'utf8');
    return { file, text, dashboard: JSON.parse(text) as DashboardJson };
  },
);

/** Every query of every committed dashboard, with where it is. */
const expressions = committed.flatMap(({ dashboard }) =>
  panelsOf(dashboard).flatMap((panel) =>
    ((panel as Panel).targets ?? []).map((target) => ({
      where: `${dashboard.uid} / ${panel.title} / ${target.refId}`,
      expr: target.expr ?? '',
    })),
  ),
);

const variableQueries = committed.flatMap(({ dashboard }) =>
  dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => ({
      where: `${dashboard.uid} / $${variable.name}`,
      query: String(variable.query),
    })),
);

describe('Grafana dashboards', () => {
  describe('generated JSON', () => {
    it('the committed JSON is what grafana/generate.ts produces now (run `npm run dashboards`)', () => {
      const rendered = renderDashboards();
      const hint = 'differs from the generator: run `npm run dashboards` and commit the JSON';
      const drift = [
        ...rendered
          .filter((d) => committed.find((c) => c.file === d.file)?.text !== d.json)
          .map((d) => `${d.file} ${hint}`),
        ...committed
          .filter((c) => !rendered.some((d) => d.file === c.file))
          .map((c) => `${c.file} is not generated any more: run \`npm run dashboards\``),
      ];
      expect(drift).toEqual([]);
    });

    it('docs/GRAFANA_DASHBOARDS.md matches the dashboards (run `npm run dashboards`)', () => {
      expect(readFileSync(DASHBOARDS_DOC, 'utf8')).toBe(renderDoc());
    });

    it('the committed JSON is formatted as Prettier formats it', async () => {
      const options = JSON.parse(
        readFileSync(join(__dirname, '..', '.prettierrc'), 'utf8'),
      ) as PrettierOptions;
      for (const { file, text } of committed) {
        const formatted = await prettier.format(text, {
          ...options,
          parser: 'json',
          filepath: file,
          plugins: [prettierBabel, prettierEstree],
        });
        expect({ file, formatted }).toEqual({ file, formatted: text });
      }
    });
  });

  describe('structure', () => {
    it('has every dashboard, each under its stable uid and file name', () => {
      expect(committed.map((c) => c.dashboard.uid).sort()).toEqual([...STABLE_UIDS].sort());
      for (const { file, dashboard } of committed) expect(file).toBe(`${dashboard.uid}.json`);
      const uids = committed.map((c) => c.dashboard.uid);
      expect(new Set(uids).size).toBe(uids.length);
    });

    it.each(committed.map((c) => [c.dashboard.uid, c.dashboard] as const))(
      '%s: tags, time, refresh and variables',
      (_uid, dashboard) => {
        expect(dashboard.tags).toContain('tradewatch');
        expect(dashboard.refresh).toBe('30s');
        expect(dashboard.time).toEqual({ from: 'now-6h', to: 'now' });
        const [datasource, instance] = dashboard.templating.list;
        expect(datasource).toMatchObject({
          type: 'datasource',
          name: 'datasource',
          query: 'prometheus',
        });
        expect(instance).toMatchObject({
          type: 'query',
          name: 'instance',
          query: 'label_values(up{job="tradewatch"}, instance)',
          datasource: { uid: '${datasource}' },
        });
        const names = dashboard.templating.list.map((v) => v.name);
        expect(new Set(names).size).toBe(names.length);
      },
    );

    it.each(committed.map((c) => [c.dashboard.uid, c.dashboard] as const))(
      '%s: every panel has a unit, a query per target and the $datasource',
      (_uid, dashboard) => {
        const problems: string[] = [];
        const panels = panelsOf(dashboard) as Panel[];
        expect(panels.length).toBeGreaterThan(0);
        for (const panel of panels) {
          const unit = panel.fieldConfig?.defaults?.unit;
          if (typeof unit !== 'string' || unit === '') problems.push(`${panel.title}: no unit`);
          if (!panel.targets || panel.targets.length === 0)
            problems.push(`${panel.title}: no target`);
          for (const target of panel.targets ?? []) {
            if (!target.expr?.trim())
              problems.push(`${panel.title}: target ${target.refId} has no expr`);
          }
          const refIds = (panel.targets ?? []).map((t) => t.refId);
          if (new Set(refIds).size !== refIds.length)
            problems.push(`${panel.title}: repeated refId`);
          if (panel.datasource?.uid !== '${datasource}') {
            problems.push(`${panel.title}: datasource is not $datasource`);
          }
        }
        expect(problems).toEqual([]);
      },
    );

    it.each(committed.map((c) => [c.dashboard.uid, c.dashboard] as const))(
      '%s: panels have unique ids and fit the grid without overlapping',
      (_uid, dashboard) => {
        const ids = dashboard.panels.map((p) => p.id);
        expect(ids.every((id) => typeof id === 'number' && id > 0)).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        expect(layoutProblems(dashboard)).toEqual([]);
      },
    );

    it.each(committed.map((c) => [c.dashboard.uid, c.dashboard] as const))(
      '%s: every $variable an expression uses is defined',
      (_uid, dashboard) => {
        const defined = new Set([
          ...dashboard.templating.list.map((v) => v.name),
          ...BUILTIN_VARIABLES,
        ]);
        const used = panelsOf(dashboard).flatMap((panel) =>
          ((panel as Panel).targets ?? []).flatMap((t) =>
            [...(t.expr ?? '').matchAll(/\$\{?(\w+)\}?/g)].map((m) => m[1]),
          ),
        );
        expect([...new Set(used)].filter((name) => !defined.has(name))).toEqual([]);
      },
    );
  });

  describe('metric names', () => {
    it('the allow-list of prom-client default metrics matches what prom-client exports', async () => {
      const registry = new Registry();
      collectDefaultMetrics({ register: registry });
      const real = new Map(
        (await registry.getMetricsAsJSON()).map((metric) => [metric.name, String(metric.type)]),
      );
      const wrong = PROM_CLIENT_DEFAULT_METRICS.filter((m) => real.get(m.name) !== m.type).map(
        (m) => `${m.name} (${m.type}; prom-client: ${real.get(m.name) ?? 'absent'})`,
      );
      expect(wrong).toEqual([]);
    });

    it('every metric a panel queries is defined in ALL_METRIC_DEFINITIONS or allow-listed', () => {
      const defined = new Set<string>(['up', ...PROM_CLIENT_DEFAULT_METRICS.map((m) => m.name)]);
      for (const definition of [...ALL_METRIC_DEFINITIONS, ...PROM_CLIENT_DEFAULT_METRICS]) {
        defined.add(definition.name);
        if (definition.type === 'histogram') {
          for (const suffix of ['_bucket', '_sum', '_count']) defined.add(definition.name + suffix);
        }
      }
      const unknown = expressions.flatMap(({ where, expr }) =>
        metricNamesIn(expr)
          .filter((name) => !defined.has(name))
          .map((name) => `${where}: ${name}`),
      );
      expect(expressions.length).toBeGreaterThan(100);
      expect(unknown).toEqual([]);
    });

    it('every expression uses real labels, rates only counters and keeps le for quantiles', () => {
      const problems = expressions.flatMap(({ where, expr }) =>
        lintPromQL(expr, CATALOG).map((problem) => `${where}: ${problem}\n  ${expr}`),
      );
      expect(problems).toEqual([]);
    });

    it('every query variable reads a label the metric has', () => {
      expect(variableQueries.length).toBeGreaterThanOrEqual(STABLE_UIDS.length);
      const problems = variableQueries.flatMap(({ where, query }) =>
        lintVariableQuery(query, CATALOG).map((problem) => `${where}: ${problem}`),
      );
      expect(problems).toEqual([]);
    });
  });

  describe('PromQL structure', () => {
    it('every expression has balanced brackets and uses $__rate_interval only as a range', () => {
      const problems = expressions.flatMap(({ where, expr }) =>
        structuralProblems(expr).map((problem) => `${where}: ${problem}`),
      );
      expect(problems).toEqual([]);
    });

    it('every rate() and increase() reads a range: $__rate_interval, or $__range for totals', () => {
      const ranges = expressions.flatMap(({ expr }) =>
        [...expr.matchAll(/\b(rate|irate|increase)\((?:[^()[\]]|\([^()]*\))*\[([^\]]+)\]\)/g)].map(
          (m) => `${m[1]}[${m[2]}]`,
        ),
      );
      expect(ranges.length).toBeGreaterThan(100);
      expect(
        [...new Set(ranges)].filter(
          (r) =>
            r !== 'rate[$__rate_interval]' && !/^increase\[\$__(rate_interval|range)\]$/.test(r),
        ),
      ).toEqual([]);
    });

    // The checks above only mean something if the checker rejects what it should.
    it.each([
      ['sum(rate(http_requests_total[5m])', 'unclosed "("'],
      ['sum(rate(http_requests_total[5m])))', 'unbalanced ")"'],
      ['rate(http_requests_total{endpoint="/x"[5m])', 'unbalanced'],
      ['rate(http_requests_total[$__rate_interval)', 'unbalanced ")"'],
      ['sum($__rate_interval)', '$__rate_interval outside a range'],
      ['rate(errors_total{type="$__rate_interval"}[5m])', '$__rate_interval outside a range'],
      ['rate(http_requests_total[5x])', 'bad range'],
      ['rate(http_requests_total)', 'must be a range vector'],
      ['sum(rate(http_requests_total[$__range]))', 'use $__rate_interval'],
      ['nosuchfunction(up)', 'unknown function'],
      [
        'sum by (endpoint) (rate(no_such_metric_total[5m]))',
        'unknown metric "no_such_metric_total"',
      ],
      ['rate(http_requests_total{strategy="x"}[5m])', 'has no label "strategy"'],
      ['sum by (strategy) (rate(http_requests_total[5m]))', 'groups by "strategy"'],
      ['http_requests_total', 'wrap it in rate()'],
      ['rate(portfolio_value[5m])', 'is a gauge'],
      ['sum(rate(http_request_duration_seconds[5m]))', 'is a histogram'],
      [
        'histogram_quantile(0.95, sum by (endpoint) (rate(http_request_duration_seconds_bucket[5m])))',
        'so le is kept',
      ],
      [
        'histogram_quantile(95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
        '0..1',
      ],
    ])('rejects %s', (expr, expected) => {
      expect(lintPromQL(expr, CATALOG).join('\n')).toContain(expected);
    });

    it('accepts the shapes the dashboards use', () => {
      for (const expr of [
        'histogram_quantile(0.99, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{job="tradewatch", instance=~"$instance"}[$__rate_interval])))',
        'sum(rate(http_requests_total{status_code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))',
        'max(2 * trading_state{state="halted"} or trading_state{state="reducing"} or 0 * trading_state{state="active"})',
        'count(min by (provider) (provider_available) == 0) or vector(0)',
        'time() - max by (provider) (provider_up_since_timestamp_seconds > 0)',
        'sum(changes(process_start_time_seconds[$__range]))',
        'topk(20, sum by (type, component) (increase(errors_total[$__range])))',
        '1 - max(portfolio_value) / max(max_over_time(portfolio_value[30d]))',
        'sum by (le) (increase(signal_confidence_bucket[$__rate_interval]))',
      ]) {
        expect({ expr, problems: lintPromQL(expr, CATALOG) }).toEqual({ expr, problems: [] });
      }
    });
  });
});

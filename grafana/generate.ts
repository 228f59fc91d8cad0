/**
 * Builds every tradewatch dashboard and writes grafana/dashboards/json/<uid>.json, the files
 * Grafana provisions. `npm run dashboards` after any change here; the dashboards test fails while
 * the committed JSON differs from what this produces.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { databaseDashboard } from './dashboards/database';
import { errorsDashboard } from './dashboards/errors';
import { overviewDashboard } from './dashboards/overview';
import { providersDashboard } from './dashboards/providers';
import { riskDashboard } from './dashboards/risk';
import { sentimentDashboard } from './dashboards/sentiment';
import { strategyDashboard } from './dashboards/strategy';
import { systemHealthDashboard } from './dashboards/system-health';
import { tradingDashboard } from './dashboards/trading';
import { DASHBOARDS_DOC, renderDashboardsDoc } from './docs';
import { CATALOG } from './lib/catalog';
import { formatJson } from './lib/json';
import { lintPromQL, lintVariableQuery } from './lib/promql';

export const DASHBOARD_JSON_DIR = join(__dirname, 'dashboards', 'json');
export { DASHBOARDS_DOC };

/** Every dashboard, in the order of the docs. */
export const DASHBOARDS: readonly (() => Dashboard)[] = [
  overviewDashboard,
  tradingDashboard,
  strategyDashboard,
  systemHealthDashboard,
  sentimentDashboard,
  riskDashboard,
  errorsDashboard,
  providersDashboard,
  databaseDashboard,
];

export interface RenderedDashboard {
  readonly uid: string;
  readonly title: string;
  /** The file's name in DASHBOARD_JSON_DIR. */
  readonly file: string;
  /** The file's content: Prettier-formatted JSON with a trailing newline. */
  readonly json: string;
}

interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface PanelLike {
  readonly type?: string;
  readonly title?: string;
  readonly gridPos?: GridPos;
  readonly targets?: readonly { readonly expr?: string }[];
  readonly fieldConfig?: { readonly defaults?: { readonly unit?: string } };
  readonly panels?: readonly PanelLike[];
}

/** Panels of a dashboard, row panels' children included and the rows themselves left out. */
export function panelsOf(dashboard: { readonly panels?: readonly PanelLike[] }): PanelLike[] {
  return (dashboard.panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? [...(panel.panels ?? [])] : [panel],
  );
}

const overlaps = (a: GridPos, b: GridPos): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Panels that leave the 24-column grid or cover one another (rows included). */
export function layoutProblems(dashboard: { readonly panels?: readonly PanelLike[] }): string[] {
  const problems: string[] = [];
  const placed = dashboard.panels ?? [];
  placed.forEach((panel, i) => {
    const pos = panel.gridPos;
    if (!pos) {
      problems.push(`${panel.title}: no grid position`);
      return;
    }
    if (pos.x < 0 || pos.w < 1 || pos.x + pos.w > 24) {
      problems.push(`${panel.title}: outside the 24-column grid (x ${pos.x}, w ${pos.w})`);
    }
    for (const other of placed.slice(0, i)) {
      if (other.gridPos && overlaps(pos, other.gridPos)) {
        problems.push(`${panel.title}: overlaps ${other.title}`);
      }
    }
  });
  return problems;
}

/** What `npm run dashboards` refuses to write: the same rules the dashboards test enforces. */
export function problemsOf(dashboard: Dashboard): string[] {
  const problems: string[] = layoutProblems(dashboard as { panels?: readonly PanelLike[] }).map(
    (problem) => `${dashboard.uid} / ${problem}`,
  );
  for (const panel of panelsOf(dashboard as { panels?: readonly PanelLike[] })) {
    const where = `${dashboard.uid} / ${panel.title}`;
    if (!panel.fieldConfig?.defaults?.unit) problems.push(`${where}: no unit`);
    if (!panel.targets?.length) problems.push(`${where}: no query`);
    for (const target of panel.targets ?? []) {
      for (const problem of lintPromQL(target.expr ?? '', CATALOG)) {
        problems.push(`${where}: ${problem}\n    ${target.expr}`);
      }
    }
  }
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type !== 'query') continue;
    for (const problem of lintVariableQuery(String(variable.query), CATALOG)) {
      problems.push(`${dashboard.uid} / $${variable.name}: ${problem}`);
    }
  }
  return problems;
}

/** Every dashboard, built and checked. Throws on a dashboard with problems. */
export function buildDashboards(): Dashboard[] {
  return DASHBOARDS.map((build) => {
    const dashboard = build();
    const problems = problemsOf(dashboard);
    if (problems.length > 0) {
      throw new Error(`dashboard ${dashboard.uid} has problems:\n  ${problems.join('\n  ')}`);
    }
    if (!dashboard.uid) throw new Error(`dashboard "${dashboard.title}" has no uid`);
    return dashboard;
  });
}

/** Every dashboard as the JSON file it is committed as. Throws on a dashboard with problems. */
export function renderDashboards(dashboards = buildDashboards()): RenderedDashboard[] {
  const rendered = dashboards.map((dashboard) => ({
    uid: dashboard.uid ?? '',
    title: dashboard.title ?? dashboard.uid ?? '',
    file: `${dashboard.uid}.json`,
    json: formatJson(dashboard),
  }));
  const uids = rendered.map((d) => d.uid);
  const duplicate = uids.find((uid, i) => uids.indexOf(uid) !== i);
  if (duplicate) throw new Error(`two dashboards share the uid ${duplicate}`);
  return rendered;
}

/** docs/GRAFANA_DASHBOARDS.md as the generator writes it. */
export function renderDoc(dashboards = buildDashboards()): string {
  return renderDashboardsDoc(dashboards);
}

/** Writes the JSON files (removing those of dashboards that no longer exist) and the guide. */
export function writeDashboards(dir = DASHBOARD_JSON_DIR): RenderedDashboard[] {
  const dashboards = buildDashboards();
  const rendered = renderDashboards(dashboards);
  writeFileSync(DASHBOARDS_DOC, renderDoc(dashboards));
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(rendered.map((d) => d.file));
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.json') && !wanted.has(file)) rmSync(join(dir, file));
  }
  for (const dashboard of rendered) writeFileSync(join(dir, dashboard.file), dashboard.json);
  return rendered;
}

if (require.main === module) {
  const written = writeDashboards();
  for (const dashboard of written) {
    const panels = panelsOf(JSON.parse(dashboard.json) as { panels?: PanelLike[] }).length;
    process.stdout.write(`${dashboard.file}  ${panels} panels  ${dashboard.title}\n`);
  }
}

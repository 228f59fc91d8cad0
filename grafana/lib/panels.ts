/**
 * Thin, opinionated wrappers over the Grafana Foundation SDK builders. Every panel gets a title,
 * a description (what it shows and what bad looks like), a unit, the `$datasource` and at least
 * one query; the wrappers return the SDK builder so a dashboard can still tune anything.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  StackingConfigBuilder,
  StackingMode,
  TableSortByFieldStateBuilder,
  TooltipDisplayMode,
  VisibilityMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import type * as common from '@grafana/grafana-foundation-sdk/common';
import {
  AnnotationQueryBuilder,
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  MappingType,
  QueryVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as GaugeBuilder } from '@grafana/grafana-foundation-sdk/gauge';
import {
  CellValuesBuilder,
  HeatmapColorMode,
  HeatmapColorOptionsBuilder,
  HeatmapColorScale,
  PanelBuilder as HeatmapBuilder,
  YAxisConfigBuilder,
} from '@grafana/grafana-foundation-sdk/heatmap';
import {
  DataqueryBuilder as PrometheusQuery,
  PromQueryFormat,
} from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as StateTimelineBuilder } from '@grafana/grafana-foundation-sdk/statetimeline';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { JOB } from './query';

/** Every panel and query variable reads from the data source picked in `$datasource`. */
export const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Tag every tradewatch dashboard carries; the dashboard links menu lists them by it. */
export const PRODUCT_TAG = 'tradewatch';

export interface Query {
  readonly expr: string;
  /** Legend template; `__auto` lets Grafana name the series from its labels. */
  readonly legend?: string;
  /** An instant query (stat, gauge, table): only the latest value is fetched. */
  readonly instant?: boolean;
  readonly format?: PromQueryFormat;
}

/** A range query (graphs). */
export const query = (expr: string, legend?: string): Query => ({ expr, legend });

/** An instant query (latest value only). */
export const instant = (expr: string, legend?: string): Query => ({ expr, legend, instant: true });

/** An instant query whose result becomes table rows (one column per query value). */
export const tableQuery = (expr: string): Query => ({
  expr,
  instant: true,
  format: PromQueryFormat.Table,
});

/** Bucket counts for a heatmap: the `le` buckets become the rows. */
export const heatmapQuery = (expr: string): Query => ({
  expr,
  legend: '{{le}}',
  format: PromQueryFormat.Heatmap,
});

interface PanelOptions {
  readonly title: string;
  /** What the panel shows and what bad looks like (shown as the panel's info tooltip). */
  readonly description: string;
  /** A Grafana unit id: reqps, ops, opm, s, bytes, percentunit, currencyUSD, short, none... */
  readonly unit: string;
  readonly queries: readonly Query[];
  /** Width in grid columns (24 is the full row). */
  readonly w?: number;
  readonly h?: number;
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
  /** Colour steps: `[[color, from], ...]`, the first `from` being null (the base colour). */
  readonly thresholds?: readonly Step[];
  readonly mappings?: readonly dashboard.ValueMapping[];
}

export type Step = readonly [color: string, from: number | null];

/** What every panel builder of the SDK offers for the settings the wrappers apply. */
interface PanelLike<T> extends cog.Builder<dashboard.Panel> {
  title(title: string): T;
  description(description: string): T;
  unit(unit: string): T;
  datasource(datasource: common.DataSourceRef): T;
  gridPos(gridPos: dashboard.GridPos): T;
  withTarget(target: cog.Builder<cog.Dataquery>): T;
  decimals(decimals: number): T;
  min(min: number): T;
  max(max: number): T;
  thresholds(thresholds: cog.Builder<dashboard.ThresholdsConfig>): T;
  mappings(mappings: dashboard.ValueMapping[]): T;
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function target(q: Query, index: number): PrometheusQuery {
  const builder = new PrometheusQuery()
    .refId(REF_IDS[index])
    .expr(q.expr)
    .legendFormat(q.legend ?? '__auto');
  if (q.instant) builder.instant();
  else builder.range();
  if (q.format) builder.format(q.format);
  return builder;
}

export function thresholds(steps: readonly Step[]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps(steps.map(([color, value]) => ({ color, value })));
}

/** Value → text and colour, e.g. `{ 0: ['DOWN', 'red'], 1: ['UP', 'green'] }`. */
export function valueText(
  map: Record<number, readonly [text: string, color: string]>,
): dashboard.ValueMapping[] {
  const options: Record<string, dashboard.ValueMappingResult> = {};
  Object.entries(map).forEach(([value, [text, color]], index) => {
    options[value] = { text, color, index };
  });
  return [{ type: MappingType.ValueToText, options }];
}

function configure<T extends PanelLike<T>>(builder: T, options: PanelOptions): T {
  if (options.queries.length === 0) throw new Error(`panel "${options.title}" has no query`);
  builder
    .title(options.title)
    .description(options.description)
    .unit(options.unit)
    .datasource(DATASOURCE)
    .gridPos({ x: 0, y: 0, w: options.w ?? 12, h: options.h ?? 8 });
  options.queries.forEach((q, i) => builder.withTarget(target(q, i)));
  if (options.decimals !== undefined) builder.decimals(options.decimals);
  if (options.min !== undefined) builder.min(options.min);
  if (options.max !== undefined) builder.max(options.max);
  if (options.thresholds) builder.thresholds(thresholds(options.thresholds));
  if (options.mappings) builder.mappings([...options.mappings]);
  return builder;
}

export interface TimeseriesOptions extends PanelOptions {
  /** Stack the series (parts of a whole, e.g. requests by status). */
  readonly stack?: boolean;
  /** A legend table with mean / max / last, for panels with many series. */
  readonly legendTable?: boolean;
  /** Draw the thresholds as dashed lines (e.g. a limit). */
  readonly thresholdLines?: boolean;
}

export function timeseries(options: TimeseriesOptions): TimeseriesBuilder {
  const legend = new VizLegendOptionsBuilder()
    .showLegend(true)
    .placement(LegendPlacement.Bottom)
    .displayMode(options.legendTable ? LegendDisplayMode.Table : LegendDisplayMode.List)
    .calcs(options.legendTable ? ['mean', 'max', 'lastNotNull'] : []);
  const builder = configure(new TimeseriesBuilder(), options)
    .legend(legend)
    .tooltip(
      new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending),
    )
    .lineWidth(1)
    .fillOpacity(options.stack ? 30 : 10)
    .showPoints(VisibilityMode.Never);
  if (options.stack) builder.stacking(new StackingConfigBuilder().mode(StackingMode.Normal));
  if (options.thresholdLines) {
    builder.thresholdsStyle(
      new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed),
    );
  }
  return builder;
}

export interface StatOptions extends PanelOptions {
  /** Draw the series behind the number (default), or not. */
  readonly sparkline?: boolean;
  /** Show the series name beside the value (one stat per series). */
  readonly showName?: boolean;
  /** Colour the background rather than the value. */
  readonly background?: boolean;
}

export function stat(options: StatOptions): StatBuilder {
  return configure(new StatBuilder(), { w: 4, h: 4, ...options })
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .graphMode(options.sparkline === false ? BigValueGraphMode.None : BigValueGraphMode.Area)
    .colorMode(options.background ? BigValueColorMode.Background : BigValueColorMode.Value)
    .textMode(options.showName ? BigValueTextMode.ValueAndName : BigValueTextMode.Auto);
}

export function gauge(options: PanelOptions): GaugeBuilder {
  return configure(new GaugeBuilder(), { w: 6, h: 6, ...options }).reduceOptions(
    new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false),
  );
}

export interface TableOptions extends PanelOptions {
  /** Label columns to show, in order (every other label is hidden). */
  readonly labels: readonly string[];
  /** Value columns, in order: the query's column (`Value #A`...) → title, unit, decimals. */
  readonly values: Readonly<
    Record<string, { readonly title: string; readonly unit: string; readonly decimals?: number }>
  >;
  /** Columns the queries return but the table should not show (e.g. an info metric's 1). */
  readonly hide?: readonly string[];
  /** Sort by this column title, largest first. */
  readonly sortDescBy?: string;
}

const PROMETHEUS_LABEL_COLUMNS = ['Time', '__name__', 'job', 'instance'];

/**
 * One row per label set, one column per query: the instant queries (at least two, so that their
 * columns are `Value #A`, `Value #B`...) are merged on their labels, the other label columns
 * hidden, and the value columns renamed and given their units.
 */
export function table(options: TableOptions): TableBuilder {
  if (options.queries.length < 2) {
    throw new Error(`table "${options.title}" needs two queries or more (Value #A, #B columns)`);
  }
  const builder = configure(new TableBuilder(), { w: 24, h: 8, ...options });
  const excludeByName: Record<string, boolean> = {};
  for (const column of [...PROMETHEUS_LABEL_COLUMNS, ...(options.hide ?? [])]) {
    if (!options.labels.includes(column)) excludeByName[column] = true;
  }
  const indexByName: Record<string, number> = {};
  const renameByName: Record<string, string> = {};
  [...options.labels, ...Object.keys(options.values)].forEach((column, i) => {
    indexByName[column] = i;
  });
  for (const [column, value] of Object.entries(options.values)) {
    renameByName[column] = value.title;
    const properties: dashboard.DynamicConfigValue[] = [{ id: 'unit', value: value.unit }];
    if (value.decimals !== undefined) properties.push({ id: 'decimals', value: value.decimals });
    builder.overrideByName(value.title, properties);
  }
  builder.withTransformation({ id: 'merge', options: {} }).withTransformation({
    id: 'organize',
    options: { excludeByName, indexByName, renameByName },
  });
  if (options.sortDescBy) {
    builder.sortBy([new TableSortByFieldStateBuilder().displayName(options.sortDescBy).desc(true)]);
  }
  return builder;
}

export interface HeatmapOptions extends PanelOptions {
  /** Unit of the bucket boundaries (the y axis). */
  readonly yUnit: string;
}

/**
 * A histogram's distribution over time from its buckets (`format: heatmap`, no recalculation);
 * the panel unit is the count in a cell, the y axis the observed value.
 */
export function heatmap(options: HeatmapOptions): HeatmapBuilder {
  return configure(new HeatmapBuilder(), options)
    .calculate(false)
    .yAxis(new YAxisConfigBuilder().unit(options.yUnit))
    .cellValues(new CellValuesBuilder().unit(options.unit))
    .color(
      new HeatmapColorOptionsBuilder()
        .mode(HeatmapColorMode.Scheme)
        .scheme('Oranges')
        .scale(HeatmapColorScale.Exponential)
        .exponent(0.5)
        .steps(64),
    )
    .showValue(VisibilityMode.Never);
}

/** A value that switches between a few states over time (mapped to text and colour). */
export function stateTimeline(options: PanelOptions): StateTimelineBuilder {
  return configure(new StateTimelineBuilder(), { w: 24, h: 5, ...options })
    .showValue(VisibilityMode.Never)
    .mergeValues(true)
    .rowHeight(0.8);
}

/** A row header; the panels added after it (until the next row) belong to it. */
export function row(title: string): RowBuilder {
  return new RowBuilder(title).collapsed(false);
}

const ALL: dashboard.VariableOption = { selected: true, text: ['All'], value: ['$__all'] };

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder('datasource')
    .label('Data source')
    .type('prometheus')
    .current({ selected: true, text: 'Prometheus', value: 'prometheus' });
}

/** A multi-value variable over a label's values, `All` (regex `.*`) by default. */
export function labelVariable(
  name: string,
  label: string,
  valuesQuery: string,
): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(DATASOURCE)
    .query(valuesQuery)
    .definition(valuesQuery)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current(ALL);
}

/** `$instance`: the app's scrape targets. */
export function instanceVariable(): QueryVariableBuilder {
  return labelVariable('instance', 'Instance', `label_values(up{job="${JOB}"}, instance)`);
}

/** `$name` from the values of label `name` on `metric`, within the selected instances. */
export function metricLabelVariable(
  name: string,
  label: string,
  metric: string,
): QueryVariableBuilder {
  return labelVariable(
    name,
    label,
    `label_values(${metric}{job="${JOB}", instance=~"$instance"}, ${name})`,
  );
}

export interface DashboardOptions {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** Variables after `$datasource` and `$instance`. */
  readonly variables?: readonly QueryVariableBuilder[];
}

/** Grafana's own annotations and alerts, which every dashboard normally carries. */
function builtInAnnotations(): AnnotationQueryBuilder {
  return new AnnotationQueryBuilder()
    .builtIn(1)
    .name('Annotations & Alerts')
    .type('dashboard')
    .datasource({ type: 'grafana', uid: '-- Grafana --' })
    .enable(true)
    .hide(true)
    .iconColor('rgba(0, 211, 255, 1)');
}

/**
 * A tradewatch dashboard: stable uid, product tag, last 6 hours, 30 s refresh, UTC (the app's
 * days and months are UTC), shared crosshair, `$datasource` and `$instance`, and a links menu
 * to the other tradewatch dashboards that keeps the time range and variables.
 */
export function tradewatchDashboard(options: DashboardOptions): DashboardBuilder {
  const builder = new DashboardBuilder(options.title)
    .uid(options.uid)
    .description(options.description)
    .tags([PRODUCT_TAG, ...options.tags])
    .editable()
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .timezone('utc')
    .tooltip(DashboardCursorSync.Crosshair)
    .annotation(builtInAnnotations())
    .link(
      new DashboardLinkBuilder('tradewatch dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags([PRODUCT_TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    )
    .withVariable(datasourceVariable())
    .withVariable(instanceVariable());
  for (const variable of options.variables ?? []) builder.withVariable(variable);
  return builder;
}

/** Builds the dashboard and numbers its panels (rows included) 1, 2, 3... in layout order. */
export function finish(builder: DashboardBuilder): dashboard.Dashboard {
  const built = builder.build();
  let id = 0;
  for (const panel of built.panels ?? []) {
    panel.id = ++id;
    if ('panels' in panel) for (const nested of panel.panels) nested.id = ++id;
  }
  return built;
}

export {
  GaugeBuilder,
  HeatmapBuilder,
  StatBuilder,
  StateTimelineBuilder,
  TableBuilder,
  TimeseriesBuilder,
};

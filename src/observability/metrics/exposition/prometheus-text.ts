import type { Registry } from 'prom-client';

/** A family as prom-client's metrics (and our CollectedFamily) hand it to the registry. */
interface FamilyData {
  name: string;
  help: string;
  type: string;
  values?: readonly SampleData[];
}

interface SampleData {
  value: number;
  labels?: Record<string, string | number>;
  /** Histograms: the series' own labels, shared by its _bucket, _sum and _count samples. */
  sharedLabels?: Record<string, string | number>;
  metricName?: string;
}

interface FamilySource {
  get(): Promise<FamilyData> | FamilyData;
  /** Histograms: the values without splitting the shared labels back in (cheaper). */
  getForPromString?(): Promise<FamilyData> | FamilyData;
}

const NEEDS_ESCAPE = /[\\\n"]/;
const hasOwn = Object.prototype.hasOwnProperty;
/** A histogram series keeps its label object from scrape to scrape: format it once. */
const flattenedShared = new WeakMap<object, string>();

const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labelValue(value: string | number): string | number {
  if (typeof value !== 'string' || !NEEDS_ESCAPE.test(value)) return value;
  return escapeHelp(value).replace(/"/g, '\\"');
}

function valueText(value: number): string {
  if (Number.isNaN(value)) return 'Nan';
  if (!Number.isFinite(value)) return value < 0 ? '-Inf' : '+Inf';
  return `${value}`;
}

function formatLabels(labels: Record<string, string | number>, exclude?: object): string {
  let text = '';
  for (const name in labels) {
    if (!hasOwn.call(labels, name) || (exclude !== undefined && hasOwn.call(exclude, name))) {
      continue;
    }
    text += `${text === '' ? '' : ','}${name}="${labelValue(labels[name])}"`;
  }
  return text;
}

function sharedText(shared: Record<string, string | number>): string {
  let text = flattenedShared.get(shared);
  if (text === undefined) {
    text = formatLabels(shared);
    flattenedShared.set(shared, text);
  }
  return text;
}

function renderFamily(family: FamilyData): string {
  const name = escapeHelp(family.name);
  let text = `# HELP ${name} ${escapeHelp(family.help)}\n# TYPE ${name} ${family.type}`;
  for (const sample of family.values ?? []) {
    const shared = sample.sharedLabels;
    let labels = formatLabels(sample.labels ?? {}, shared);
    if (shared !== undefined) {
      const flat = sharedText(shared);
      if (flat !== '') labels = labels === '' ? flat : `${labels},${flat}`;
    }
    text += `\n${sample.metricName ?? name}${labels === '' ? '' : `{${labels}}`} ${valueText(sample.value)}`;
  }
  return text;
}

/**
 * The Prometheus text exposition of a registry, byte for byte what `registry.metrics()` writes,
 * in about half its CPU time: prom-client formats each sample's labels through arrays, entries
 * and joins (≈ 60 % of a scrape of the full app); this is one string-building pass. Registries
 * with default labels are left to prom-client (tradewatch sets none).
 */
export async function renderPrometheusText(registry: Registry): Promise<string> {
  if (
    Object.keys((registry as unknown as { _defaultLabels?: object })._defaultLabels ?? {}).length
  ) {
    return registry.metrics();
  }
  const families = await Promise.all(
    registry.getMetricsAsArray().map((metric) => {
      const source = metric as unknown as FamilySource;
      return source.getForPromString ? source.getForPromString() : source.get();
    }),
  );
  return `${families.map(renderFamily).join('\n\n')}\n`;
}

/**
 * npm run metrics:check -- --url http://localhost:3000 [--token <METRICS_TOKEN>] [--path /metrics]
 *
 * Scrapes a running tradewatch, checks that every metric family it defines is exposed with the
 * right type and only its own labels, lints the exposition with `promtool check metrics`
 * (prom-client's default families excused by name), prints a report, and exits 1 on a problem.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ALL_METRIC_DEFINITIONS } from '../src/metrics-catalog';
import type { MetricDefinition } from '../src/observability';
import { parseSamples, parseTypes, Sample } from './lib/exposition';

interface Options {
  url: string;
  path: string;
  token?: string;
}

function options(argv: string[]): Options {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const url = value('--url');
  if (!url)
    throw new Error(
      'usage: npm run metrics:check -- --url http://host:port [--token T] [--path /metrics]',
    );
  return {
    url: url.replace(/\/$/, ''),
    path: value('--path') ?? '/metrics',
    token: value('--token'),
  };
}

async function scrape({ url, path, token }: Options): Promise<string> {
  const response = await fetch(`${url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`GET ${url}${path} answered ${response.status}`);
  return response.text();
}

const SERIES_SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  counter: [''],
  gauge: [''],
};

function familyProblems(
  definition: MetricDefinition,
  types: Map<string, string>,
  samples: Sample[],
): string[] {
  const declared = types.get(definition.name);
  if (declared === undefined) return [`${definition.name}: missing`];
  if (declared !== definition.type)
    return [`${definition.name}: type ${declared}, expected ${definition.type}`];
  const names = new Set(SERIES_SUFFIXES[definition.type].map((suffix) => definition.name + suffix));
  const allowed = new Set<string>([
    ...definition.labelNames,
    ...(definition.type === 'histogram' ? ['le'] : []),
  ]);
  const unexpected = new Set(
    samples
      .filter((s) => names.has(s.name))
      .flatMap((s) => Object.keys(s.labels).filter((label) => !allowed.has(label))),
  );
  return [...unexpected].map((label) => `${definition.name}: unexpected label "${label}"`);
}

function lintProblems(exposition: string): string[] {
  const output = execFileSync('node', [join(__dirname, 'ensure-tools.mjs')], { encoding: 'utf8' });
  const promtool = /^promtool: (.+)$/m.exec(output)?.[1]?.trim();
  if (!promtool) return ['promtool could not be found or installed'];
  const result = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const excused = new Set(
    registry.getMetricsAsArray().map((metric) => (metric as unknown as { name: string }).name),
  );
  return `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '' && !excused.has(line.split(' ')[0]))
    .map((line) => `promtool: ${line}`);
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const exposition = await scrape(opts);
  const types = parseTypes(exposition);
  const samples = parseSamples(exposition);
  const problems = [
    ...ALL_METRIC_DEFINITIONS.flatMap((definition) => familyProblems(definition, types, samples)),
    ...lintProblems(exposition),
  ];
  const withSeries = ALL_METRIC_DEFINITIONS.filter((d) =>
    samples.some((s) => s.name.startsWith(d.name)),
  ).length;
  console.log(`scraped ${opts.url}${opts.path}: ${types.size} families, ${samples.length} series`);
  console.log(
    `defined families: ${ALL_METRIC_DEFINITIONS.length}, with series so far: ${withSeries}`,
  );
  if (problems.length === 0) {
    console.log(
      'OK: every defined family is present with its type and labels; promtool finds nothing of ours',
    );
    return 0;
  }
  console.log(`${problems.length} problem(s):`);
  for (const problem of problems) console.log(`  - ${problem}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);

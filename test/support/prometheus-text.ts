/** Minimal reader of the Prometheus text format, for asserting exact values in tests. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`unparsable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

const matches = (sample: Sample, labels: Record<string, string>): boolean =>
  Object.entries(labels).every(([key, value]) => sample.labels[key] === value);

/** The value of the one series with exactly these labels (0 when absent, like a fresh counter). */
export function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = parseSamples(text).filter(
    (sample) =>
      sample.name === name &&
      matches(sample, labels) &&
      Object.keys(sample.labels).length === Object.keys(labels).length,
  );
  if (found.length > 1)
    throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} series`);
  return found[0]?.value ?? 0;
}

/** Distinct values of one label across a family's series. */
export function labelValues(text: string, name: string, label: string): Set<string> {
  return new Set(
    parseSamples(text)
      .filter((sample) => sample.name === name && sample.labels[label] !== undefined)
      .map((sample) => sample.labels[label]),
  );
}

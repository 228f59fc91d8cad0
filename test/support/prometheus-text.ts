import { parseSamples, Sample } from '../../scripts/lib/exposition';

export { parseSamples };
export type { Sample };

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

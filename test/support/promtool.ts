import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** promtool's path, installing it into .cache when missing (fails loudly, never skips). */
export function promtool(): string {
  const output = execFileSync(
    'node',
    [join(__dirname, '..', '..', 'scripts', 'ensure-promtool.mjs')],
    {
      encoding: 'utf8',
    },
  );
  const match = /^promtool: (.+)$/m.exec(output);
  if (!match) throw new Error(`ensure-promtool printed no path:\n${output}`);
  return match[1].trim();
}

/** Runs `promtool check metrics` on an exposition; returns its exit status and problem lines. */
export function checkMetrics(exposition: string): { status: number | null; problems: string[] } {
  const result = spawnSync(promtool(), ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
  });
  const problems = `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '');
  return { status: result.status, problems };
}

/** The families prom-client's default collectors create: the only ones a lint problem may name. */
export function promClientDefaultFamilies(): Set<string> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return new Set(
    registry.getMetricsAsArray().map((metric) => (metric as unknown as { name: string }).name),
  );
}

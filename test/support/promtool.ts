import { spawnSync } from 'node:child_process';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { tools } from './tools';

/** Runs `promtool check metrics` on an exposition; returns its exit status and problem lines. */
export function checkMetrics(exposition: string): { status: number | null; problems: string[] } {
  const result = spawnSync(tools().promtool, ['check', 'metrics'], {
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

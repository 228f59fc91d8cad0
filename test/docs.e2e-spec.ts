import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS_DOC, renderMetricsReference } from '../scripts/metrics-doc';
import { METRIC_GROUPS } from '../src/metrics-catalog';

describe('generated documentation', () => {
  it('docs/METRICS_GUIDE.md matches the metric definitions (run `npm run docs:metrics` after a change)', () => {
    expect(readFileSync(METRICS_DOC, 'utf8')).toBe(renderMetricsReference());
  });

  it('names, for every metric group, files that exist', () => {
    const missing = METRIC_GROUPS.flatMap((group) => group.emittedBy).filter(
      (file) => !existsSync(join(__dirname, '..', file)),
    );
    expect(missing).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { METRICS_DOC, renderMetricsReference } from '../scripts/metrics-doc';

describe('generated documentation', () => {
  it('docs/METRICS.md matches the metric definitions (run `npm run docs:metrics` after a change)', () => {
    expect(readFileSync(METRICS_DOC, 'utf8')).toBe(renderMetricsReference());
  });
});

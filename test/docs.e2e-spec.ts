import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_DOC, renderConfigurationDoc } from '../scripts/configuration-doc';
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

describe('docs/CONFIGURATION.md', () => {
  it('matches .env.template (run `npm run docs:configuration` after a change)', () => {
    expect(readFileSync(CONFIGURATION_DOC, 'utf8')).toBe(renderConfigurationDoc());
  });

  it('explains every variable', () => {
    const undocumented = renderConfigurationDoc()
      .split('\n')
      .filter((line) => /^\| `[A-Z_]+` \|/.test(line) && line.endsWith('|  |'));
    expect(undocumented).toEqual([]);
  });
});

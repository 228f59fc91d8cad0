import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  advisoriesUnreachable,
  blockingFindings,
  productionPackages,
} from '../scripts/lib/dependency-audit';

const ROOT = join(__dirname, '..');
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Parameters<
  typeof productionPackages
>[0];

describe('the production dependency audit (npm run audit:prod)', () => {
  it('takes the shipped packages from the lock file: runtime dependencies in, dev tools out', () => {
    const names = new Set(productionPackages(lock).map((p) => p.name));
    expect(names).toContain('@nestjs/core');
    expect(names).toContain('prom-client');
    expect(names).toContain('@nestjs/throttler');
    expect(names).not.toContain('jest');
    expect(names).not.toContain('typescript');
  });

  it('blocks on high and critical advisories only', () => {
    const report = {
      vulnerabilities: {
        a: { severity: 'critical', range: '<1.2.3' },
        b: { severity: 'high' },
        c: { severity: 'moderate', range: '*' },
        d: { severity: 'low', range: '*' },
      },
    };
    expect(blockingFindings(report)).toEqual(['a (critical, <1.2.3)', 'b (high, any version)']);
    expect(blockingFindings({ vulnerabilities: {} })).toEqual([]);
    expect(advisoriesUnreachable({ error: { code: 'ENOAUDIT' } })).toBe(true);
    expect(advisoriesUnreachable({})).toBe(false);
  });

  it("passes on today's lock file: no high/critical advisory (when reachable), no deprecated version", () => {
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/audit-production.ts', '--allow-unreachable'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`production packages: ${productionPackages(lock).length}`);
    expect(run.stdout).toMatch(/npm audit: (0 high or critical finding\(s\)|NOT CHECKED)/);
    expect(run.stdout).toContain('deprecated versions: 0');
    expect(run.status).toBe(0);
  });
});

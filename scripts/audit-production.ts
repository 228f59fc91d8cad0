/**
 * npm run audit:prod
 *
 * Audits the production dependencies (what `npm ci --omit=dev` installs):
 * 1. `npm audit --omit=dev`: fails on any high or critical advisory. When the registry's advisory
 *    service cannot be reached (on the project machine it answers 405), says so loudly and exits 2
 *    unless `--allow-unreachable` is given — then the other checks still decide.
 * 2. Deprecation: every production package's exact version is looked up in the registry; a
 *    deprecated version (often how a compromised or abandoned release is flagged) fails the audit.
 */
import { execSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  advisoriesUnreachable,
  blockingFindings,
  LockedPackage,
  productionPackages,
} from './lib/dependency-audit';

const ROOT = join(__dirname, '..');
const CONCURRENCY = 16;

function npmAudit(): { unreachable: boolean; findings: string[] } {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8' });
  const report = JSON.parse(run.stdout || '{}') as Parameters<typeof blockingFindings>[0] & {
    error?: { code?: string };
  };
  if (advisoriesUnreachable(report)) return { unreachable: true, findings: [] };
  return { unreachable: false, findings: blockingFindings(report) };
}

async function deprecatedVersions(packages: LockedPackage[]): Promise<string[]> {
  const registry = execSync('npm config get registry', { encoding: 'utf8' })
    .trim()
    .replace(/\/$/, '');
  const deprecated: string[] = [];
  const queue = [...packages];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const response = await fetch(`${registry}/${next.name.replace('/', '%2f')}`, {
        headers: { accept: 'application/vnd.npm.install-v1+json' },
      });
      if (!response.ok) throw new Error(`registry answered ${response.status} for ${next.name}`);
      const document = (await response.json()) as {
        versions?: Record<string, { deprecated?: string }>;
      };
      const version = document.versions?.[next.version];
      if (!version) throw new Error(`${next.name}@${next.version} is not in the registry`);
      if (version.deprecated)
        deprecated.push(`${next.name}@${next.version}: ${version.deprecated}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return deprecated.sort();
}

async function main(): Promise<number> {
  const allowUnreachable = process.argv.includes('--allow-unreachable');
  const packages = productionPackages(
    JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Parameters<
      typeof productionPackages
    >[0],
  );
  const audit = npmAudit();
  const deprecated = await deprecatedVersions(packages);

  console.log(`production packages: ${packages.length}`);
  if (audit.unreachable) {
    console.log(
      'npm audit: NOT CHECKED — the registry advisory service could not be reached from here',
    );
  } else {
    console.log(`npm audit: ${audit.findings.length} high or critical finding(s)`);
  }
  for (const finding of audit.findings) console.log(`  ${finding}`);
  console.log(`deprecated versions: ${deprecated.length}`);
  for (const line of deprecated) console.log(`  ${line}`);

  if (audit.findings.length > 0 || deprecated.length > 0) return 1;
  if (audit.unreachable && !allowUnreachable) return 2;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(String(error));
    process.exit(1);
  },
);

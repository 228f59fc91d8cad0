/** The pure parts of `npm run audit:prod`: which packages ship, and what npm audit found in them. */

export interface LockedPackage {
  name: string;
  version: string;
}

interface LockFile {
  packages: Record<
    string,
    { name?: string; version?: string; dev?: boolean; devOptional?: boolean }
  >;
}

/** Every package `npm ci --omit=dev` installs, from package-lock.json (v2/v3 `packages`). */
export function productionPackages(lock: LockFile): LockedPackage[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && entry.version)
    .map(([path, entry]) => ({
      name: entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version!,
    }));
}

export const BLOCKING_SEVERITIES = ['high', 'critical'] as const;

interface AuditReport {
  vulnerabilities?: Record<string, { severity: string; range?: string }>;
}

/** `npm audit --json` findings at high or critical severity, as "name (severity, range)". */
export function blockingFindings(report: AuditReport): string[] {
  return Object.entries(report.vulnerabilities ?? {})
    .filter(([, finding]) => (BLOCKING_SEVERITIES as readonly string[]).includes(finding.severity))
    .map(([name, finding]) => `${name} (${finding.severity}, ${finding.range ?? 'any version'})`);
}

/** True when npm could not reach the advisory service (rather than finding nothing). */
export function advisoriesUnreachable(report: { error?: { code?: string } }): boolean {
  return report.error !== undefined;
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';

/**
 * Writes `<dir>/<name>-<ISO timestamp>.json`, formatted as Prettier would (so `prettier --check
 * bench` stays clean), and returns its path.
 */
export async function writeJsonResult(
  dir: string,
  name: string,
  startedAt: Date,
  content: unknown,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  // An ISO 8601 timestamp with the colons and the dot replaced: safe in every file name.
  const file = join(dir, `${name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const config = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(content), { ...config, filepath: file }));
  return file;
}

/** The commit measured, and whether `paths` had uncommitted changes (others edit concurrently). */
export function gitState(
  repoRoot: string,
  paths: readonly string[],
): { commit?: string; uncommittedChanges?: boolean } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    // --no-optional-locks: never take the index lock someone committing at the same time needs.
    const changes = git(
      '--no-optional-locks',
      'status',
      '--porcelain',
      '--untracked-files=no',
      '--',
      ...paths,
    );
    return { commit: git('rev-parse', 'HEAD'), uncommittedChanges: changes.length > 0 };
  } catch {
    return {};
  }
}

import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

let found: string | undefined;

/**
 * The docker-compose binary (v1.29.2 from Debian here: it validates without a container engine),
 * as scripts/ensure-tools.mjs reports it on its `docker-compose: <path>` line. ensure-tools
 * installs it when missing (as root) or fails with the instruction: never skipped.
 */
export function dockerComposeBinary(): string {
  if (found) return found;
  const output = execFileSync('node', [join(REPO_ROOT, 'scripts', 'ensure-tools.mjs')], {
    encoding: 'utf8',
  });
  const match = /^docker-compose: (.+)$/m.exec(output);
  if (!match) throw new Error(`ensure-tools printed no docker-compose:\n${output}`);
  found = match[1].trim();
  return found;
}

export interface ComposeResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs docker-compose from the repository root. Variables that would change what it reads
 * (COMPOSE_FILE, COMPOSE_PROFILES, COMPOSE_PROJECT_NAME …) are dropped, so the developer's shell
 * does not leak into the result; a `.env` beside the compose file is still read, as it would be.
 */
export function dockerCompose(args: string[]): ComposeResult {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('COMPOSE_')),
  );
  const result = spawnSync(dockerComposeBinary(), args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

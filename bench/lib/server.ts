import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { machine } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';

const ECHOED_LINES = 20;
const KEPT_LINES = 30;

/**
 * Extra node flags for the servers from BENCH_NODE_ARGS, e.g. to profile them:
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/profiles" (NODE_OPTIONS refuses --cpu-prof).
 */
const nodeArgs = (): string[] => (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Pins a process, all its threads included, to one CPU core. */
export function pinToCore(pid: number, core: number): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', String(core), String(pid)], {
    stdio: 'ignore',
  });
}

/** CPU time (user + system, all threads) a process has used so far, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}

/**
 * A process's CPU time in seconds, to the nanosecond: the sum of its threads' run time from
 * /proc/PID/task/TID/schedstat (utime + stime in /proc/PID/stat count 10-ms ticks, too coarse
 * for a slice of a few seconds). A thread that ended is no longer counted.
 */
export function cpuSeconds(pid: number): number {
  let nanos = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanos += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return nanos / 1e9;
}

export function clockTicksPerSecond(): number {
  return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
}

/** Counts a child's output lines, echoes the first few and keeps the last ones for errors. */
class OutputTap {
  lines = 0;
  private readonly recent: string[] = [];
  private partial = '';

  constructor(private readonly prefix: string) {}

  feed(chunk: Buffer): void {
    const text = this.partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.add(line);
  }

  tail(): string {
    return this.recent.map((line) => `    ${line}`).join('\n');
  }

  private add(line: string): void {
    this.lines++;
    this.recent.push(line);
    if (this.recent.length > KEPT_LINES) this.recent.shift();
    if (this.lines <= ECHOED_LINES) console.error(`${this.prefix} ${line}`);
    if (this.lines === ECHOED_LINES)
      console.error(`${this.prefix} (further output counted, not shown)`);
  }
}

export interface ServerSpec {
  /** Prefix for its output, e.g. "[A]". */
  label: string;
  /** The CPU core it may run on (pinned with taskset); undefined: any core. */
  core?: number;
  /**
   * Without address-space randomisation (`setarch --addr-no-randomize`): two runs of one build
   * then lay out code and heap alike. With it, A/A runs of bench:overhead differed by up to 7 %.
   */
  fixedAddresses?: boolean;
  /**
   * Pads the environment (its `NAME=value\0` strings) to exactly this many bytes. The kernel puts
   * those strings at the top of the stack, so without randomisation their size decides where the
   * stack starts: two servers whose settings differ in length ("true" / "false") would otherwise
   * run on differently aligned stacks, a lasting difference between them that is not the code's.
   */
  environmentBytes?: number;
  /** The script `node` runs. */
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const PADDING_VARIABLE = 'BENCH_ENVIRONMENT_PADDING';

/** The bytes `env` takes in a process's environment block: `NAME=value` and a NUL each. */
export const environmentSize = (env: NodeJS.ProcessEnv): number =>
  Object.entries(env)
    .filter(([, value]) => value !== undefined)
    .reduce((bytes, [name, value]) => bytes + Buffer.byteLength(`${name}=${value}`) + 1, 0);

function padded(env: NodeJS.ProcessEnv, bytes: number): NodeJS.ProcessEnv {
  const padding = bytes - environmentSize(env) - (PADDING_VARIABLE.length + 2);
  if (padding < 0) throw new Error(`the environment takes more than ${bytes} bytes`);
  return { ...env, [PADDING_VARIABLE]: 'x'.repeat(padding) };
}

/** The personality flag `setarch --addr-no-randomize` sets (linux/personality.h). */
const ADDR_NO_RANDOMIZE = 0x0040000;

/**
 * A Node server, optionally pinned to one core. `taskset` execs node, so the child's pid is node's
 * own and /proc/<pid>/stat is the server's CPU time (`verify` checks that).
 */
export class ServerProcess {
  readonly pid: number;
  private readonly output: OutputTap;
  private readonly exited: Promise<void>;
  private readonly killOnExit = (): void => {
    if (this.running) this.child.kill('SIGKILL');
  };

  private constructor(
    private readonly spec: ServerSpec,
    private readonly child: ChildProcess,
  ) {
    if (child.pid === undefined)
      throw new Error(`${spec.label} server did not start (is taskset installed?)`);
    this.pid = child.pid;
    this.output = new OutputTap(spec.label);
    child.stdout?.on('data', (chunk: Buffer) => this.output.feed(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.output.feed(chunk));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    // A benchmark that dies without its teardown must not leave servers behind.
    process.on('exit', this.killOnExit);
  }

  static start(spec: ServerSpec): ServerProcess {
    const node = [
      ...(spec.fixedAddresses ? ['setarch', machine(), '--addr-no-randomize'] : []),
      process.execPath,
      ...nodeArgs(),
      spec.entry,
    ];
    const [command, args] =
      spec.core === undefined
        ? [node[0], node.slice(1)]
        : ['taskset', ['--cpu-list', String(spec.core), ...node]];
    const child = spawn(command, args, {
      cwd: spec.cwd,
      env: spec.environmentBytes === undefined ? spec.env : padded(spec.env, spec.environmentBytes),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches the benchmark, which stops it.
      detached: true,
    });
    return new ServerProcess(spec, child);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Output lines written so far. */
  get outputLines(): number {
    return this.output.lines;
  }

  cpuTicks(): number {
    return cpuTicks(this.pid);
  }

  cpuSeconds(): number {
    return cpuSeconds(this.pid);
  }

  async waitUntilReady(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw this.failure('exited before it was ready');
      if ((await statusOf(url)) === 200) return;
      await delay(200);
    }
    throw this.failure(`was not ready (${url} answering 200) within ${timeoutMs} ms`);
  }

  /** The pid is the node binary running the benchmark, and it may only run on its core. */
  verify(): void {
    const executable = realpathSync(`/proc/${this.pid}/exe`);
    if (executable !== realpathSync(process.execPath)) {
      throw this.failure(`pid ${this.pid} is ${executable}, not node: its CPU time would be wrong`);
    }
    const personality = Number.parseInt(readFileSync(`/proc/${this.pid}/personality`, 'utf8'), 16);
    if (this.spec.fixedAddresses && (personality & ADDR_NO_RANDOMIZE) === 0) {
      throw this.failure('runs with address-space randomisation, which it was started without');
    }
    const environ = readFileSync(`/proc/${this.pid}/environ`).length;
    if (this.spec.environmentBytes !== undefined && environ !== this.spec.environmentBytes) {
      throw this.failure(`has ${environ} bytes of environment, not ${this.spec.environmentBytes}`);
    }
    if (this.spec.core === undefined) return;
    const allowed = /^Cpus_allowed_list:\s*(\S+)$/m.exec(
      readFileSync(`/proc/${this.pid}/status`, 'utf8'),
    );
    if (allowed?.[1] !== String(this.spec.core)) {
      throw this.failure(`runs on cores ${allowed?.[1] ?? '?'}, not on core ${this.spec.core}`);
    }
  }

  /** SIGTERM (the app's graceful shutdown), SIGKILL when that takes longer than `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = new AbortController();
      const stopped = await Promise.race([
        this.exited.then(() => true),
        delay(timeoutMs, false, { signal: timer.signal }).catch(() => false),
      ]);
      timer.abort();
      if (!stopped) {
        console.error(`${this.spec.label} server ignored SIGTERM for ${timeoutMs} ms; killing it`);
        this.child.kill('SIGKILL');
        await this.exited;
      }
    }
    process.off('exit', this.killOnExit);
  }

  /** An error naming the server, with its last output lines. */
  failure(problem: string): Error {
    const exit = this.running
      ? ''
      : ` (exit code ${this.child.exitCode}, signal ${this.child.signalCode})`;
    return new Error(
      `${this.spec.label} server ${problem}${exit}; its last output:\n${this.output.tail()}`,
    );
  }
}

/** The HTTP status of a GET, or undefined when nothing answers. */
export async function statusOf(
  url: string,
  headers: Record<string, string> = {},
): Promise<number | undefined> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';
import { eventually } from './app-process';
import { tools } from './tools';

export interface PrometheusServerOptions {
  /** `host:port` of the app, scraped as a static target of `job`. */
  target: string;
  job: string;
  metricsPath: string;
  /** Absolute paths of the rule files to load. */
  ruleFiles: string[];
  /** scrape_interval and evaluation_interval, in seconds (default 1). */
  intervalSeconds?: number;
}

/** The data of an instant query's answer. */
export interface QueryResult {
  resultType: string;
  /** vector: one entry per series, empty when nothing matched; scalar: [time, value]. */
  result: unknown[];
}

export interface RuleGroup {
  name: string;
  file: string;
  rules: Array<{ name: string; health: string; lastError?: string; type: string }>;
}

interface ApiAnswer<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
}

/** Where ensure-tools unpacked Debian's prometheus package: next to promtool. */
export function prometheusBinary(): string {
  const { promtool } = tools();
  // promtool was found on PATH (a bare name): prometheus comes from the same package
  if (!promtool.includes('/')) return 'prometheus';
  const binary = join(dirname(promtool), 'prometheus');
  if (!existsSync(binary)) {
    throw new Error(
      `no prometheus binary at ${binary} (beside promtool ${promtool}): ` +
        'run `node scripts/ensure-tools.mjs` or install Debian’s prometheus package',
    );
  }
  return binary;
}

/**
 * A real Prometheus server on a loopback port, scraping one target and evaluating the given rule
 * files, with its TSDB in a temporary directory that `stop()` removes.
 */
export class PrometheusServer {
  url = '';
  output = '';
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'tradewatch-prometheus-'));

  constructor(private readonly options: PrometheusServerOptions) {}

  async start(): Promise<void> {
    const { target, job, metricsPath, ruleFiles, intervalSeconds = 1 } = this.options;
    const interval = `${intervalSeconds}s`;
    const config = join(this.dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        `  scrape_interval: ${interval}`,
        `  scrape_timeout: ${interval}`,
        `  evaluation_interval: ${interval}`,
        'rule_files:',
        ...ruleFiles.map((file) => `  - ${JSON.stringify(file)}`),
        'scrape_configs:',
        `  - job_name: ${JSON.stringify(job)}`,
        `    metrics_path: ${JSON.stringify(metricsPath)}`,
        '    static_configs:',
        `      - targets: [${JSON.stringify(target)}]`,
        '',
      ].join('\n'),
    );
    const storage = join(this.dir, 'data');
    mkdirSync(storage);
    const binary = prometheusBinary();
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const child = spawn(
      binary,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${storage}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { env: { ...process.env, LD_LIBRARY_PATH: tools().libraries }, cwd: this.dir },
    );
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    try {
      await eventually(
        async () => {
          if (spawnError) throw spawnError;
          if (child.exitCode !== null) return true; // fails below, with the output
          return (await fetch(`${this.url}/-/ready`)).status === 200;
        },
        15_000,
        'Prometheus to be ready',
      );
    } catch (error) {
      throw new Error(`prometheus did not get ready: ${String(error)}\n${this.output}`, {
        cause: error,
      });
    }
    if (spawnError || child.exitCode !== null) {
      throw new Error(
        `prometheus exited with ${child.exitCode}: ${String(spawnError ?? '')}\n${this.output}`,
      );
    }
  }

  /** GET /api/v1/<path>; throws when Prometheus answers with anything but status success. */
  async api<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const answer = await this.apiAnswer<T>(path, params);
    if (answer.status !== 'success')
      throw new Error(`${path} ${JSON.stringify(params)}: ${answer.errorType}: ${answer.error}`);
    return answer.data;
  }

  /** GET /api/v1/<path> as Prometheus answered it (status success or error, never thrown). */
  async apiAnswer<T>(path: string, params: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.url}/api/v1/${path}?${new URLSearchParams(params)}`);
    const text = await response.text();
    try {
      return JSON.parse(text) as ApiAnswer<T>;
    } catch {
      return { status: 'error', data: undefined as T, errorType: 'http', error: text };
    }
  }

  /** An instant query, evaluated now, as Prometheus answered it. */
  query(expr: string): Promise<ApiAnswer<QueryResult>> {
    return this.apiAnswer<QueryResult>('query', { query: expr });
  }

  /** Resolves once every target of the job is up (it has been scraped successfully). */
  async waitForTargetUp(job: string, ms = 15_000): Promise<void> {
    let last = '';
    try {
      await eventually(
        async () => {
          const { activeTargets } = await this.api<{
            activeTargets: Array<{ labels: Record<string, string>; health: string }>;
          }>('targets', { state: 'active' });
          const targets = activeTargets.filter((t) => t.labels.job === job);
          last = JSON.stringify(targets);
          return targets.length > 0 && targets.every((t) => t.health === 'up');
        },
        ms,
        `the ${job} target to be up`,
      );
    } catch (error) {
      throw new Error(`${String(error)}; targets: ${last}\n${this.output}`, { cause: error });
    }
  }

  /** Unix seconds of the job's latest scrape (from `up`), or 0 before the first. */
  async lastScrape(job: string): Promise<number> {
    const data = await this.api<QueryResult>('query', { query: `timestamp(up{job="${job}"})` });
    const [sample] = data.result as Array<{ value: [number, string] }>;
    return sample ? Number(sample.value[1]) : 0;
  }

  /** Resolves after `scrapes` more scrapes of the job than had happened when called. */
  async waitForScrapes(job: string, scrapes: number, ms = 20_000): Promise<void> {
    const since = Date.now() / 1000;
    const interval = this.options.intervalSeconds ?? 1;
    // scrapes are `interval` apart: the latest at since + (n - 1) × interval means n since then
    await eventually(
      async () => (await this.lastScrape(job)) >= since + (scrapes - 1) * interval,
      ms,
      `${scrapes} scrapes of ${job}`,
    );
  }

  /** Resolves once the instant query `expr` returns data (or fails after `ms`). */
  async waitFor(expr: string, ms: number): Promise<void> {
    await eventually(
      async () => (await this.api<QueryResult>('query', { query: expr })).result.length > 0,
      ms,
      `data for ${expr}`,
    );
  }

  /** The rule groups (GET /api/v1/rules) once every rule has been evaluated at least once. */
  async evaluatedRuleGroups(ms: number): Promise<RuleGroup[]> {
    let groups: RuleGroup[] = [];
    await eventually(
      async () => {
        groups = (await this.api<{ groups: RuleGroup[] }>('rules')).groups;
        return groups.every((group) => group.rules.every((rule) => rule.health !== 'unknown'));
      },
      ms,
      'every rule to be evaluated',
    );
    return groups;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

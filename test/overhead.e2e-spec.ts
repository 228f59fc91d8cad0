import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A short `npm run bench:overhead` as a person runs it (the built app, both variants, every
 * part of the report). Its verdicts need many cycles on a quiet machine, so this checks the
 * method instead: both variants got exactly the same requests and answered them alike, only A
 * serves /metrics, the render and decorator parts ran, and the result file says so.
 */
const REPO_ROOT = join(__dirname, '..');
const ARGS = [
  '--forks',
  '2',
  '--cycles',
  '1',
  '--seconds',
  '1',
  '--warmup',
  '1',
  '--scrapes',
  '10',
];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runBench(args: string[]): Promise<RunResult> {
  const script = ['-r', '@swc-node/register', join(REPO_ROOT, 'bench', 'overhead.bench.ts')];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...script, ...args],
      { cwd: REPO_ROOT, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = typeof error?.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface SliceResult {
  requests: number;
  serverCpuSeconds: number;
}

interface OverheadResult {
  options: { requests: number };
  verdicts: Record<string, boolean>;
  statuses: { A: Record<string, number>; B: Record<string, number> };
  cycles: { a: SliceResult; b: SliceResult }[];
  forks: { fork: number; cycles: number; cpuRatioMedian: number }[];
  metricsRender: { series: number; serverCpuMsPerScrape: number };
  decorators: { addedNanosPerCall: { median: number } };
}

describe('npm run bench:overhead, shortened', () => {
  let run: RunResult;
  let result: OverheadResult;

  beforeAll(async () => {
    run = await runBench([...ARGS, '--call-rounds', '2']);
    const file = /^results: (.+)$/m.exec(run.stdout)?.[1];
    if (!file) throw new Error(`the bench wrote no result file:\n${run.stdout}\n${run.stderr}`);
    result = JSON.parse(readFileSync(file, 'utf8')) as OverheadResult;
  }, 180_000);

  it('finishes with a verdict: 0 when every goal is met, 1 when one is not', () => {
    const allMet = Object.values(result.verdicts).every(Boolean);
    expect(run.code).toBe(allMet ? 0 : 1);
    expect(run.stdout).toMatch(/verdicts \(interval wholly inside the goal\)/);
  });

  it('measures each fork on a fresh pair of servers', () => {
    expect(result.forks.map((fork) => [fork.fork, fork.cycles])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(
      run.stdout.match(/fork \d: server A \(METRICS_ENABLED=true\) ready: pid (\d+)/g),
    ).toHaveLength(2);
    const pids = [
      ...run.stdout.matchAll(/server A \(METRICS_ENABLED=true\) ready: pid (\d+)/g),
    ].map((m) => m[1]);
    expect(new Set(pids).size).toBe(2);
  });

  it('starts both servers of a fork with one environment size, drawn anew per fork', () => {
    const sizes = [
      ...run.stdout.matchAll(
        /fork (\d): server ([AB]) .* ready: pid \d+, (\d+) bytes of environment/g,
      ),
    ].map(([, fork, key, bytes]) => `${fork}${key}:${bytes}`);
    expect(sizes).toHaveLength(4);
    const bytesOf = (label: string) => sizes.find((s) => s.startsWith(label))!.split(':')[1];
    expect(bytesOf('1A')).toBe(bytesOf('1B'));
    expect(bytesOf('2A')).toBe(bytesOf('2B'));
    // Fork 2 starts B first.
    expect(run.stdout.indexOf('fork 2: server B')).toBeLessThan(
      run.stdout.indexOf('fork 2: server A'),
    );
  });

  it('gives both variants the same requests in every slice, answered alike', () => {
    const perSlice = result.options.requests;
    expect(perSlice).toBeGreaterThan(0);
    expect(result.cycles).toHaveLength(2);
    for (const cycle of result.cycles) {
      expect(cycle.a.requests).toBe(perSlice);
      expect(cycle.b.requests).toBe(perSlice);
      expect(cycle.a.serverCpuSeconds).toBeGreaterThan(0);
      expect(cycle.b.serverCpuSeconds).toBeGreaterThan(0);
    }
    expect(result.statuses.A).toEqual(result.statuses.B);
    const answered = Object.values(result.statuses.A).reduce((sum, count) => sum + count, 0);
    expect(answered).toBe(2 * perSlice);
    expect(Object.keys(result.statuses.A).every((status) => status.startsWith('2'))).toBe(true);
  });

  it("renders A's /metrics and times the decorators", () => {
    expect(result.metricsRender.series).toBeGreaterThan(500);
    expect(result.metricsRender.serverCpuMsPerScrape).toBeGreaterThan(0);
    expect(Number.isFinite(result.decorators.addedNanosPerCall.median)).toBe(true);
  });

  it('refuses a bad option with the usage', async () => {
    const bad = await runBench(['--cycles', 'many']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--cycles must be an integer ≥ 1, not "many"');
    expect(bad.stderr).toContain('usage: bench/overhead.bench.ts');
  });
});

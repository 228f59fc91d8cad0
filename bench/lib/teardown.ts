type Step = { name: string; run: () => unknown };

/**
 * Cleanup steps run once, last added first, whether the benchmark ends normally, fails or is
 * interrupted. A failing step is reported and the remaining steps still run.
 */
export class Teardown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;
  private interruptedBy: string | undefined;

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  /** Set when a signal started the teardown: errors the main flow sees after that are expected. */
  get interrupted(): boolean {
    return this.interruptedBy !== undefined;
  }

  interrupt(signal: string): Promise<void> {
    this.interruptedBy ??= signal;
    return this.run();
  }

  run(): Promise<void> {
    this.running ??= this.runSteps();
    return this.running;
  }

  private async runSteps(): Promise<void> {
    for (const step of [...this.steps].reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup: could not ${step.name}: ${String(error)}`);
      }
    }
  }
}

/** Rejects when `promise` has not settled after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a benchmark and exits: Ctrl-C or SIGTERM calls `onSignal` (stop the load) and cleans up
 * (exit 130); a failure is printed (exit 1); so is a benchmark that returns false (a goal missed).
 * The teardown runs in every case.
 */
export function runBenchmark(
  benchmark: (teardown: Teardown) => Promise<boolean | void>,
  onSignal: () => void = () => undefined,
): void {
  const teardown = new Teardown();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping and cleaning up…`);
      onSignal();
      void teardown.interrupt(signal).finally(() => process.exit(130));
    });
  }
  const run = async (): Promise<number> => {
    try {
      return (await benchmark(teardown)) === false ? 1 : 0;
    } catch (error) {
      if (teardown.interrupted) return 130;
      console.error(`\nbenchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
      return 1;
    } finally {
      await teardown.run();
    }
  };
  void run().then((code) => process.exit(code));
}

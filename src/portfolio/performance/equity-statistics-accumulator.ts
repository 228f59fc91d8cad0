import { insertSorted } from './sorted-keys';
import { DrawdownWalk, isAfter, type KeptEquityPoint } from './drawdown-walk';
import type { DailyReturn, EquityStatistics, StatisticsOptions } from './performance.types';
import { returnsBetweenCloses } from './returns';
import { sharpeRatio, sortinoRatio } from './risk-ratios';

type RatioOptions = Omit<StatisticsOptions, 'now'>;

/**
 * `computeEquityStatistics` kept up to date one point at a time, without keeping the curve: the
 * last point of each UTC day (for the daily returns, whatever order the points come in) and the
 * drawdown walk (which keeps the last points only; see `DrawdownWalk`).
 */
export class EquityStatisticsAccumulator {
  private readonly closes = new Map<string, KeptEquityPoint>();
  /** The days of `closes`, oldest first. */
  private readonly days: string[] = [];
  /** Per day: the return from the day before's close (none if undefined), and those closes. */
  private readonly returns = new Map<
    string,
    { previous: KeptEquityPoint; close: KeptEquityPoint; result: DailyReturn[] }
  >();
  private walk: DrawdownWalk;
  private walkIsComplete = true;
  private cached: { options: RatioOptions; statistics: EquityStatistics } | null = null;

  constructor(private readonly tailLength?: number) {
    this.walk = new DrawdownWalk(tailLength);
  }

  /** False once a point came too late for the drawdown walk: `rewalk` the whole curve then. */
  get drawdownIsComplete(): boolean {
    return this.walkIsComplete;
  }

  add(point: KeptEquityPoint, day: string): void {
    this.cached = null;
    this.addClose(point, day);
    if (this.walkIsComplete) this.walkIsComplete = this.walk.add(point);
  }

  /** A new drawdown walk, to be fed every point added so far in curve order, then finished. */
  rewalk(): { add(point: KeptEquityPoint): void; finish(): void } {
    const walk = new DrawdownWalk(this.tailLength);
    return {
      add: (point) => walk.add(point),
      finish: () => {
        this.cached = null;
        this.walk = walk;
        this.walkIsComplete = true;
      },
    };
  }

  /** The same object `computeEquityStatistics` returns for the points added. */
  statistics(options: RatioOptions): EquityStatistics {
    if (!this.walkIsComplete) throw new Error('the drawdown needs the whole curve again (rewalk)');
    const { periodsPerYear, riskFreeRate } = options;
    if (this.cached?.options.periodsPerYear === periodsPerYear) {
      if (this.cached.options.riskFreeRate === riskFreeRate) return this.cached.statistics;
    }
    const returns = this.dailyReturns();
    const values = returns.map((daily) => daily.return);
    const drawdown = this.walk.state;
    const statistics = {
      dailyReturns: returns,
      sharpeRatio: sharpeRatio(values, options),
      sortinoRatio: sortinoRatio(values, options),
      maxDrawdown: drawdown.maxDrawdown(),
      currentDrawdown: drawdown.currentDrawdown(),
    };
    this.cached = { options: { periodsPerYear, riskFreeRate }, statistics };
    return statistics;
  }

  /** A day's return is computed again only when its close or the day before's moved. */
  private dailyReturns(): DailyReturn[] {
    const returns: DailyReturn[] = [];
    for (let i = 1; i < this.days.length; i += 1) {
      const [before, day] = [this.days[i - 1], this.days[i]];
      const previous = this.closes.get(before) as KeptEquityPoint;
      const close = this.closes.get(day) as KeptEquityPoint;
      let kept = this.returns.get(day);
      if (kept?.previous !== previous || kept.close !== close) {
        const result = returnsBetweenCloses([
          { date: before, equity: previous.equity },
          { date: day, equity: close.equity },
        ]);
        kept = { previous, close, result };
        this.returns.set(day, kept);
      }
      returns.push(...kept.result);
    }
    return returns;
  }

  private addClose(point: KeptEquityPoint, day: string): void {
    const close = this.closes.get(day);
    if (close === undefined) insertSorted(this.days, day);
    if (close === undefined || isAfter(point, close)) this.closes.set(day, point);
  }
}

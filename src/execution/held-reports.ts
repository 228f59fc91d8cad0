import type { BrokerReport } from './broker.port';

/**
 * Broker reports that arrived while the database could not record them. The broker has acted
 * (an order accepted, a fill made), so they are facts that must not be lost: they wait here, in
 * arrival order, and are recorded as soon as the database returns.
 */
export class HeldReports {
  private readonly reports: BrokerReport[] = [];

  get size(): number {
    return this.reports.length;
  }

  hold(reports: readonly BrokerReport[]): void {
    this.reports.push(...reports);
  }

  /** The oldest report, still held until `done` says it was recorded (or can never be). */
  peek(): BrokerReport | undefined {
    return this.reports[0];
  }

  done(): void {
    this.reports.shift();
  }
}

import type { Clock } from '../../common/clock/clock';
import type { BrokerReport } from '../broker.port';

type FillReport = Extract<BrokerReport, { kind: 'fill' }>;

interface Slot {
  report: BrokerReport;
  /** Set while a fill waits for its commission report. */
  awaiting?: { execId: string; since: number };
}

interface AwaitingFill extends Slot {
  report: FillReport;
  awaiting: { execId: string; since: number };
}

const isAwaitingFill = (slot: Slot): slot is AwaitingFill =>
  slot.awaiting !== undefined && slot.report.kind === 'fill';

/**
 * Reports from IB callbacks, first in first out per order, until `drain` hands them out (each
 * once). A fill waits for its commission report (our fills are immutable, so the fee must be
 * final); it holds back the reports behind it for the same order, so a cancel never overtakes a
 * fill. After `commissionWaitMs` it goes out with fee 0 and `onCommissionTimeout` is told.
 */
export class IbkrReportQueue {
  private readonly byOrder = new Map<string, Slot[]>();
  private readonly awaiting = new Map<string, AwaitingFill>();

  constructor(
    private readonly clock: Clock,
    private readonly commissionWaitMs: number,
    private readonly onCommissionTimeout: (report: FillReport) => void,
  ) {}

  push(report: BrokerReport): void {
    this.enqueue({ report });
  }

  pushFill(report: FillReport): void {
    const slot: AwaitingFill = {
      report,
      awaiting: { execId: report.brokerFillId, since: this.clock.now().getTime() },
    };
    this.awaiting.set(report.brokerFillId, slot);
    this.enqueue(slot);
  }

  /** Sets the fee of a waiting fill; false when no fill waits for this execution. */
  settle(execId: string, fee: string): boolean {
    const slot = this.awaiting.get(execId);
    if (!slot) return false;
    slot.report = { ...slot.report, fee };
    this.release(slot);
    return true;
  }

  hasReady(orderId: string): boolean {
    const head = this.byOrder.get(orderId)?.[0];
    return head !== undefined && this.isReady(head);
  }

  /** Ready reports of one order, or of all orders; each report is handed out once. */
  drain(orderId?: string): BrokerReport[] {
    const orderIds = orderId === undefined ? [...this.byOrder.keys()] : [orderId];
    return orderIds.flatMap((id) => this.drainOrder(id));
  }

  private enqueue(slot: Slot): void {
    const queue = this.byOrder.get(slot.report.orderId);
    if (queue) queue.push(slot);
    else this.byOrder.set(slot.report.orderId, [slot]);
  }

  private drainOrder(orderId: string): BrokerReport[] {
    const queue = this.byOrder.get(orderId) ?? [];
    const ready: BrokerReport[] = [];
    for (let head = queue[0]; head && this.isReady(head); head = queue[0]) {
      ready.push(head.report);
      queue.shift();
    }
    if (queue.length === 0) this.byOrder.delete(orderId);
    return ready;
  }

  private isReady(slot: Slot): boolean {
    if (!isAwaitingFill(slot)) return true;
    if (this.clock.now().getTime() - slot.awaiting.since < this.commissionWaitMs) return false;
    this.release(slot);
    this.onCommissionTimeout(slot.report);
    return true;
  }

  private release(slot: Slot): void {
    if (slot.awaiting) this.awaiting.delete(slot.awaiting.execId);
    slot.awaiting = undefined;
  }
}

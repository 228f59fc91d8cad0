import { settlementDate as settlementDay, tradeDate } from '../risk/compliance/business-calendar';

/** When a trade's cash settles: T+1 on the US equity settlement calendar (docs/COMPLIANCE.md). */
export function settlementDate(executedAt: Date): Date {
  return settlementDay(tradeDate(executedAt));
}

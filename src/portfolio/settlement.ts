/** US equities settle T+1: the next weekday after the trade (exchange holidays: see docs/COMPLIANCE.md). */
export function settlementDate(executedAt: Date): Date {
  const date = new Date(
    Date.UTC(executedAt.getUTCFullYear(), executedAt.getUTCMonth(), executedAt.getUTCDate()),
  );
  do {
    date.setUTCDate(date.getUTCDate() + 1);
  } while (date.getUTCDay() === 0 || date.getUTCDay() === 6);
  return date;
}

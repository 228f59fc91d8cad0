export * from './business-calendar';
export * from './cash-account-rules';
export * from './compliance.errors';
export * from './compliance.interface';
export * from './pattern-day-trader';
export * from './settlement-ledger';
export * from './us-equity-holidays.constants';
export { formatMoney, Money, parseMoney } from './money';

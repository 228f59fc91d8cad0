import type { ComplianceEvent } from './compliance/compliance.interface';

export const TRADING_STATES = ['active', 'reducing', 'halted'] as const;
/** nautilus_trader's trading state: ACTIVE trades, REDUCING only closes exposure, HALTED trades nothing. */
export type TradingState = (typeof TRADING_STATES)[number];

export const DENIAL_REASONS = [
  'trading_halted',
  'reducing_only',
  'insufficient_position',
  'insufficient_cash',
  'max_order_notional',
  'max_position_notional',
  'max_open_positions',
  'daily_loss_limit',
  'no_price',
  'insufficient_settled_funds',
  'good_faith_violation',
  'free_riding',
  'pdt_limit',
  'intraday_margin_deficit',
  'compliance_unavailable',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export interface RiskLimits {
  /** Largest single order, quantity × price (quote currency). */
  maxOrderNotional: number;
  /** Largest position in one symbol at the order's price. */
  maxPositionNotional: number;
  maxOpenPositions: number;
  /** Realized loss today (UTC) at which the kill switch moves trading to REDUCING (exits only). */
  dailyLossLimit: number;
}

export const DEFAULT_LIMITS: RiskLimits = {
  maxOrderNotional: 25_000,
  maxPositionNotional: 50_000,
  maxOpenPositions: 10,
  dailyLossLimit: 2_000,
};

export interface Denial {
  reason: DenialReason;
  message: string;
  /** Set when a compliance rule denied the order: the event to keep. */
  compliance?: { event: ComplianceEvent; rule: string };
}

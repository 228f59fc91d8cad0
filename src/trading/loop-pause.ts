import { isDatabaseUnavailable } from '../common/errors/database-unavailable';
import { BrokerUnavailableError } from '../execution/broker.errors';

/** Why the trading loop may stand still without failing: a dependency it cannot trade without. */
export const PAUSE_REASONS = ['database_unavailable', 'broker_disconnected'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Thrown by a cycle that cannot trade now; the loop pauses and tries again next tick. */
export class TradingPaused extends Error {
  override name = 'TradingPaused';

  constructor(readonly reason: PauseReason) {
    super(`the trading loop is paused: ${reason.replace('_', ' ')}`);
  }
}

/** The pause reason an error means, if it means one. */
export function pauseReasonOf(error: unknown): PauseReason | undefined {
  if (error instanceof TradingPaused) return error.reason;
  if (error instanceof BrokerUnavailableError) return 'broker_disconnected';
  return isDatabaseUnavailable(error) ? 'database_unavailable' : undefined;
}

import { canTransition, ORDER_STATUSES, TERMINAL_STATUSES } from './order.types';

describe('the order state machine', () => {
  it('follows the lifecycle', () => {
    expect(canTransition('initialized', 'submitted')).toBe(true);
    expect(canTransition('initialized', 'denied')).toBe(true);
    expect(canTransition('submitted', 'accepted')).toBe(true);
    expect(canTransition('accepted', 'partially_filled')).toBe(true);
    expect(canTransition('partially_filled', 'partially_filled')).toBe(true);
    expect(canTransition('partially_filled', 'filled')).toBe(true);
    expect(canTransition('accepted', 'canceled')).toBe(true);
  });

  it('refuses skipping or leaving a terminal state', () => {
    expect(canTransition('initialized', 'filled')).toBe(false);
    expect(canTransition('accepted', 'submitted')).toBe(false);
    for (const terminal of TERMINAL_STATUSES) {
      for (const next of ORDER_STATUSES) expect(canTransition(terminal, next)).toBe(false);
    }
  });
});

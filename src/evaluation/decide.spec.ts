import { decide, VotingSignal } from './decide';

const signal = (
  strategy: string,
  direction: VotingSignal['direction'],
  confidence: number,
): VotingSignal => ({
  signalId: strategy,
  strategy,
  direction,
  confidence,
});

describe('decide', () => {
  const rules = { threshold: 0.25 };

  it('buys when the weighted vote clears the threshold', () => {
    const result = decide(
      [signal('a', 'long', 0.9), signal('b', 'long', 0.6), signal('c', 'flat', 0)],
      rules,
    );
    expect(result.score).toBeCloseTo(0.5, 10);
    expect(result.action).toBe('buy');
    expect(result.confidence).toBeCloseTo(0.5, 10);
    expect(result.reason).toBe(
      'buy: net 0.50 ≥ 0.25 (2 long, 0 short, 1 flat of 3; strongest a long 0.90)',
    );
  });

  it('sells on a strong enough short consensus', () => {
    const result = decide(
      [signal('a', 'short', 0.8), signal('b', 'short', 0.4), signal('c', 'long', 0.3)],
      rules,
    );
    expect(result.score).toBeCloseTo((-0.8 - 0.4 + 0.3) / 3, 10);
    expect(result.action).toBe('sell');
  });

  it('holds when signals cancel out or are weak', () => {
    expect(decide([signal('a', 'long', 0.7), signal('b', 'short', 0.7)], rules).action).toBe(
      'hold',
    );
    expect(decide([signal('a', 'long', 0.2)], rules).action).toBe('hold');
    expect(decide([], rules)).toMatchObject({
      action: 'hold',
      score: 0,
      confidence: 0,
      reason: 'hold: no signals',
    });
  });

  it('applies strategy weights and stores each input with its vote', () => {
    const result = decide([signal('trusted', 'long', 0.5), signal('noisy', 'short', 0.5)], {
      threshold: 0.1,
      weights: { trusted: 3, noisy: 1 },
    });
    expect(result.score).toBeCloseTo((1.5 - 0.5) / 4, 10);
    expect(result.action).toBe('buy');
    expect(result.inputs).toEqual([
      {
        signalId: 'trusted',
        strategy: 'trusted',
        direction: 'long',
        confidence: 0.5,
        weight: 3,
        vote: 1.5,
      },
      {
        signalId: 'noisy',
        strategy: 'noisy',
        direction: 'short',
        confidence: 0.5,
        weight: 1,
        vote: -0.5,
      },
    ]);
  });

  it('treats the threshold as inclusive', () => {
    expect(decide([signal('a', 'long', 0.25)], rules).action).toBe('buy');
    expect(decide([signal('a', 'short', 0.25)], rules).action).toBe('sell');
  });
});

import { aggregateSentiment } from './sentiment-aggregator';

const weights = { twitter: 0.3, reddit: 0.3, news: 0.4 };

describe('aggregateSentiment', () => {
  it('takes the weighted mean of the sources', () => {
    const result = aggregateSentiment(
      [
        { source: 'twitter', reading: { score: 0.5, mentions: 10 } },
        { source: 'reddit', reading: { score: 0.1, mentions: 5 } },
        { source: 'news', reading: { score: -0.2, mentions: 2 } },
      ],
      weights,
      0.5,
    );
    expect(result.score).toBeCloseTo(0.3 * 0.5 + 0.3 * 0.1 + 0.4 * -0.2, 10);
    expect(result.spread).toBeCloseTo(0.7, 10);
    expect(result.divergence).toBe(true);
    expect(result.sources.map((s) => s.weight)).toEqual([0.3, 0.3, 0.4]);
  });

  it('renormalises the weights over the sources that answered', () => {
    const result = aggregateSentiment(
      [
        { source: 'twitter', reading: { score: 0.6, mentions: 1 } },
        { source: 'news', reading: { score: 0.2, mentions: 1 } },
      ],
      weights,
      0.5,
    );
    expect(result.sources.map((s) => s.weight)).toEqual([0.3 / 0.7, 0.4 / 0.7]);
    expect(result.score).toBeCloseTo((0.3 * 0.6 + 0.4 * 0.2) / 0.7, 10);
    expect(result.divergence).toBe(false);
  });

  it('is neutral with no usable source', () => {
    expect(aggregateSentiment([], weights, 0.5)).toEqual({
      score: 0,
      spread: 0,
      divergence: false,
      sources: [],
    });
    const unweighted = aggregateSentiment(
      [{ source: 'reddit', reading: { score: 1, mentions: 1 } }],
      { reddit: 0 },
      0.5,
    );
    expect(unweighted.sources).toEqual([]);
  });
});

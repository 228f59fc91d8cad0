import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  finish,
  gauge as gaugePanel,
  heatmap,
  heatmapQuery,
  instant,
  metricLabelVariable,
  query,
  row,
  stat,
  timeseries,
  tradewatchDashboard,
} from '../lib/panels';
import {
  bucketCounts,
  gauge,
  mean,
  quantile,
  sumIncrease,
  sumRate,
  sumRatePerMinute,
} from '../lib/query';

const SYMBOL = 'symbol=~"$symbol"';

/** Aggregated sentiment: the score, how often sources disagree, which sources carry it, its cost. */
export function sentimentDashboard(): Dashboard {
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-sentiment',
      title: 'Tradewatch / Sentiment',
      description:
        'The aggregated sentiment score (-1 bearish .. 1 bullish) and its distribution, how often the sources diverge, the weight and participation of each source, calculation time, and unusual options flow.',
      tags: ['trading', 'sentiment'],
      // Symbols with a sentiment calculation (every watchlist symbol), not only traded ones.
      variables: [metricLabelVariable('symbol', 'Symbol', 'sentiment_calculations_total')],
    })
      .withRow(row('Score'))
      .withPanel(
        stat({
          title: 'Calculations',
          description:
            'Aggregated sentiment calculations for the selected symbols in the time range.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(sumIncrease('sentiment_calculations_total', [], SYMBOL), 'calculations'),
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Mean score',
          description:
            'Mean aggregated score over the rate window, selected symbols. Near 0 is neutral; a long stretch at ±1 usually means one source dominates.',
          unit: 'short',
          decimals: 2,
          queries: [query(mean('sentiment_aggregated_score', [], SYMBOL), 'mean')],
          thresholds: [
            ['red', null],
            ['text', -0.3],
            ['green', 0.3],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Divergence share',
          description:
            'Share of calculations in the time range where the sources disagreed beyond the threshold. Bad: above 25 %: the aggregate is hiding a split.',
          unit: 'percentunit',
          decimals: 1,
          queries: [
            instant(
              `${sumIncrease('sentiment_divergences_total', [], SYMBOL)} / ${sumIncrease(
                'sentiment_calculations_total',
                [],
                SYMBOL,
              )}`,
              'divergent',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.25],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Calculation p95',
          description: '95th percentile time to read every source and aggregate one symbol.',
          unit: 's',
          queries: [query(quantile(0.95, 'sentiment_calculation_duration_seconds'), 'p95')],
        }),
      )
      .withPanel(
        stat({
          title: 'Failed calculations',
          description: 'Calculations that failed in the time range (a source down). Bad: above 0.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(
              sumIncrease('sentiment_calculation_duration_seconds_count', [], 'outcome!="success"'),
              'failed',
            ),
          ],
          thresholds: [
            ['green', null],
            ['red', 1],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Unusual options flow',
          description:
            'Options-flow readings flagged unusual for the selected symbols in the time range.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(sumIncrease('options_flow_unusual_activity_total', [], SYMBOL), 'unusual'),
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        heatmap({
          title: 'Score distribution',
          description:
            'How many calculations fell in each score band (selected symbols). The lowest band holds everything at or below -0.8. Bad: all mass in one band for hours (a stuck source).',
          unit: 'short',
          yUnit: 'short',
          h: 9,
          queries: [heatmapQuery(bucketCounts('sentiment_aggregated_score', SYMBOL))],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Mean score by symbol',
          description:
            'Mean aggregated score per symbol over the rate window (-1 bearish .. 1 bullish).',
          unit: 'short',
          h: 9,
          min: -1,
          max: 1,
          decimals: 2,
          legendTable: true,
          queries: [query(mean('sentiment_aggregated_score', ['symbol'], SYMBOL), '{{symbol}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Score spread (p10, p50, p90)',
          description:
            'Percentiles of the aggregated score across the selected symbols, interpolated within the buckets. A narrow band means every symbol reads the same.',
          unit: 'short',
          min: -1,
          max: 1,
          decimals: 2,
          queries: [
            query(quantile(0.1, 'sentiment_aggregated_score', [], SYMBOL), 'p10'),
            query(quantile(0.5, 'sentiment_aggregated_score', [], SYMBOL), 'p50'),
            query(quantile(0.9, 'sentiment_aggregated_score', [], SYMBOL), 'p90'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Calculations by symbol',
          description:
            'Calculations per minute by symbol. Bad: a symbol that stops being calculated.',
          unit: 'opm',
          legendTable: true,
          queries: [
            query(
              sumRatePerMinute('sentiment_calculations_total', ['symbol'], SYMBOL),
              '{{symbol}}',
            ),
          ],
        }),
      )
      .withRow(row('Divergence'))
      .withPanel(
        timeseries({
          title: 'Divergences by symbol',
          description:
            'Calculations per minute where the most bullish and most bearish source were too far apart.',
          unit: 'opm',
          legendTable: true,
          queries: [
            query(
              sumRatePerMinute('sentiment_divergences_total', ['symbol'], SYMBOL),
              '{{symbol}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Divergence frequency by symbol',
          description:
            'Divergent / all calculations per symbol. Bad: a symbol diverging most of the time (its sentiment-momentum signals are halved).',
          unit: 'percentunit',
          legendTable: true,
          queries: [
            query(
              `${sumRate('sentiment_divergences_total', ['symbol'], SYMBOL)} / ${sumRate(
                'sentiment_calculations_total',
                ['symbol'],
                SYMBOL,
              )}`,
              '{{symbol}}',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.25],
          ],
          thresholdLines: true,
        }),
      )
      .withRow(row('Sources'))
      .withPanel(
        gaugePanel({
          title: 'Configured weights',
          description:
            "Each source's configured share of the aggregate (SENTIMENT_WEIGHTS; they sum to 1). The weights are renormalised over the sources that answer.",
          unit: 'percentunit',
          w: 8,
          h: 7,
          min: 0,
          max: 1,
          queries: [
            instant(gauge('max', 'sentiment_provider_weight', ['provider']), '{{provider}}'),
          ],
          thresholds: [['blue', null]],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Participation by source',
          description:
            'Share of calculations (all symbols) each source contributed to. Healthy: every source near 100 %. Bad: a source dropping out: its weight goes to the others.',
          unit: 'percentunit',
          w: 8,
          h: 7,
          min: 0,
          queries: [
            query(
              `${sumRate('sentiment_provider_usage_total', ['provider'])} / scalar(${sumRate(
                'sentiment_calculations_total',
              )})`,
              '{{provider}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Source usage',
          description: 'Times per minute each source contributed to an aggregated score.',
          unit: 'opm',
          w: 8,
          h: 7,
          queries: [
            query(sumRatePerMinute('sentiment_provider_usage_total', ['provider']), '{{provider}}'),
          ],
        }),
      )
      .withRow(row('Cost and options flow'))
      .withPanel(
        timeseries({
          title: 'Calculation time',
          description:
            'Time to read every source and aggregate one symbol. Bad: p95 near the vendor timeout (sources are slow and retried).',
          unit: 's',
          w: 8,
          queries: [
            query(quantile(0.5, 'sentiment_calculation_duration_seconds'), 'p50'),
            query(quantile(0.95, 'sentiment_calculation_duration_seconds'), 'p95'),
            query(quantile(0.99, 'sentiment_calculation_duration_seconds'), 'p99'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Calculations by outcome',
          description:
            'Calculations per minute by outcome. Bad: failures (a source is down, see Providers).',
          unit: 'opm',
          w: 8,
          stack: true,
          queries: [
            query(
              sumRatePerMinute('sentiment_calculation_duration_seconds_count', ['outcome']),
              '{{outcome}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Unusual options flow',
          description:
            'Options-flow readings flagged unusual per minute, by symbol and bias (calls, puts): what the options-flow strategy trades on.',
          unit: 'opm',
          w: 8,
          queries: [
            query(
              sumRatePerMinute('options_flow_unusual_activity_total', ['symbol', 'bias'], SYMBOL),
              '{{symbol}} {{bias}}',
            ),
          ],
        }),
      ),
  );
}

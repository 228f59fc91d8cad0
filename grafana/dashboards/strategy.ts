import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  finish,
  heatmap,
  heatmapQuery,
  metricLabelVariable,
  query,
  row,
  stateTimeline,
  table,
  tableQuery,
  timeseries,
  tradewatchDashboard,
  valueText,
} from '../lib/panels';
import {
  bucketCounts,
  gauge,
  quantile,
  sumIncrease,
  sumRate,
  sumRatePerMinute,
} from '../lib/query';
import { MONEY, ratioOrZero } from '../lib/shared';

const STRATEGY = 'strategy=~"$strategy"';

/** Which strategies earn their keep: results, signal flow and confidence, evaluation cost. */
export function strategyDashboard(): Dashboard {
  const failureRatio = (window: 'range' | 'rate'): string => {
    const part = window === 'range' ? sumIncrease : sumRate;
    return ratioOrZero(
      part('strategy_evaluations_total', ['strategy'], STRATEGY, 'outcome="failure"'),
      part('strategy_evaluations_total', ['strategy'], STRATEGY),
    );
  };
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-strategy',
      title: 'Tradewatch / Strategies',
      description:
        'Per strategy: win rate and realized P/L, signals and their confidence, evaluation time and failures, and which strategies are switched on.',
      tags: ['trading', 'strategy'],
      variables: [metricLabelVariable('strategy', 'Strategy', 'signals_generated_total')],
    })
      .withRow(row('Scoreboard'))
      .withPanel(
        table({
          title: 'Strategies',
          description:
            'One row per strategy ("manual" is API orders). Bad: an enabled strategy with a win rate under 50 % and negative P/L, or a high evaluation failure share.',
          unit: 'short',
          h: 7,
          queries: [
            tableQuery(gauge('max', 'strategy_enabled', ['strategy'], STRATEGY)),
            tableQuery(gauge('max', 'strategy_win_rate', ['strategy'], STRATEGY)),
            tableQuery(gauge('max', 'strategy_profit_loss', ['strategy'], STRATEGY)),
            tableQuery(gauge('sum', 'strategy_signals_per_hour', ['strategy'], STRATEGY)),
            tableQuery(sumIncrease('trades_executed_total', ['strategy'], STRATEGY)),
            tableQuery(failureRatio('range')),
          ],
          labels: ['strategy'],
          values: {
            'Value #A': { title: 'Enabled', unit: 'bool_on_off' },
            'Value #B': { title: 'Win rate', unit: 'percentunit', decimals: 1 },
            'Value #C': { title: 'Realized P/L', unit: MONEY },
            'Value #D': { title: 'Signals, last hour', unit: 'short', decimals: 0 },
            'Value #E': { title: 'Executions in range', unit: 'short', decimals: 0 },
            'Value #F': { title: 'Evaluation failures', unit: 'percentunit', decimals: 1 },
          },
          sortDescBy: 'Realized P/L',
        }),
      )
      .withRow(row('Results'))
      .withPanel(
        timeseries({
          title: 'Win rate',
          description:
            'Winning closed trades / (wins + losses), by strategy. Bad: below 50 % without a payoff ratio that makes up for it.',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            query(gauge('max', 'strategy_win_rate', ['strategy'], STRATEGY), '{{strategy}}'),
          ],
          thresholds: [
            ['red', null],
            ['green', 0.5],
          ],
          thresholdLines: true,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Realized P/L',
          description: 'Total realized P/L of closed trades by strategy. Bad: a line heading down.',
          unit: MONEY,
          queries: [
            query(gauge('max', 'strategy_profit_loss', ['strategy'], STRATEGY), '{{strategy}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Executions by strategy',
          description: 'Fills per minute by strategy.',
          unit: 'opm',
          stack: true,
          queries: [
            query(
              sumRatePerMinute('trades_executed_total', ['strategy'], STRATEGY),
              '{{strategy}}',
            ),
          ],
        }),
      )
      .withPanel(
        stateTimeline({
          title: 'Enabled',
          description:
            'Whether each strategy is switched on (PATCH /api/strategies/:name). Bad: a strategy off that should be on, or toggling.',
          unit: 'none',
          w: 12,
          h: 8,
          queries: [
            query(gauge('max', 'strategy_enabled', ['strategy'], STRATEGY), '{{strategy}}'),
          ],
          mappings: valueText({ 0: ['off', 'red'], 1: ['on', 'green'] }),
        }),
      )
      .withRow(row('Signals'))
      .withPanel(
        timeseries({
          title: 'Signals by strategy and type',
          description:
            'Signals per minute by strategy and type (long, short, flat). Bad: a strategy that only says flat (missing inputs or too few bars).',
          unit: 'opm',
          legendTable: true,
          queries: [
            query(
              sumRatePerMinute('signals_generated_total', ['strategy', 'signal_type'], STRATEGY),
              '{{strategy}} {{signal_type}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Signals in the last hour',
          description: 'Signals each strategy produced in the last 60 minutes.',
          unit: 'short',
          queries: [
            query(
              gauge('sum', 'strategy_signals_per_hour', ['strategy'], STRATEGY),
              '{{strategy}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Signal confidence p50 and p90',
          description:
            'Median and 90th percentile of signal confidence (0-1) by strategy. Bad: confidence collapsing to 0 (inputs missing) or pinned at 1.',
          unit: 'percentunit',
          min: 0,
          max: 1,
          legendTable: true,
          queries: [
            query(quantile(0.5, 'signal_confidence', ['strategy'], STRATEGY), 'p50 {{strategy}}'),
            query(quantile(0.9, 'signal_confidence', ['strategy'], STRATEGY), 'p90 {{strategy}}'),
          ],
        }),
      )
      .withPanel(
        heatmap({
          title: 'Signal confidence distribution',
          description:
            'How many signals fell in each confidence band (selected strategies). Healthy: spread out; bad: everything in the lowest band.',
          unit: 'short',
          yUnit: 'percentunit',
          queries: [heatmapQuery(bucketCounts('signal_confidence', STRATEGY))],
        }),
      )
      .withRow(row('Evaluation'))
      .withPanel(
        timeseries({
          title: 'Strategy evaluation p95',
          description:
            "95th percentile of a strategy's own evaluation (indicators and rule). Bad: milliseconds turning into seconds.",
          unit: 's',
          w: 8,
          queries: [
            query(
              quantile(0.95, 'strategy_evaluation_duration_seconds', ['strategy'], STRATEGY),
              '{{strategy}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Signal generation p95',
          description:
            '95th percentile of producing one stored signal: data gathering, evaluation and persistence. Bad: well above the evaluation time (slow providers or database).',
          unit: 's',
          w: 8,
          queries: [
            query(
              quantile(0.95, 'signal_generation_duration_seconds', ['strategy'], STRATEGY),
              '{{strategy}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Decision time',
          description:
            'From gathering the signals of a symbol to the stored decision. Bad: p95 of seconds (it runs for every symbol every cycle).',
          unit: 's',
          w: 8,
          queries: [
            query(quantile(0.5, 'trading_decision_duration_seconds'), 'p50'),
            query(quantile(0.95, 'trading_decision_duration_seconds'), 'p95'),
            query(quantile(0.99, 'trading_decision_duration_seconds'), 'p99'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Evaluation failures',
          description:
            'Failed strategy evaluations per minute by strategy (usually a provider down). Bad: anything sustained.',
          unit: 'opm',
          queries: [
            query(
              sumRatePerMinute(
                'strategy_evaluations_total',
                ['strategy'],
                STRATEGY,
                'outcome="failure"',
              ),
              '{{strategy}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Evaluation failure ratio',
          description: 'Failed / attempted evaluations by strategy. Bad: above 5 %.',
          unit: 'percentunit',
          queries: [query(failureRatio('rate'), '{{strategy}}')],
          thresholds: [
            ['green', null],
            ['red', 0.05],
          ],
          thresholdLines: true,
        }),
      ),
  );
}

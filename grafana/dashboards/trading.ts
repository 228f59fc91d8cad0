import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  finish,
  instant,
  metricLabelVariable,
  query,
  row,
  stat,
  stateTimeline,
  timeseries,
  tradewatchDashboard,
  valueText,
} from '../lib/panels';
import { gauge, quantile, sumIncrease, sumRate, sumRatePerMinute } from '../lib/query';
import { EQUITY_AND_CASH, HEARTBEAT_AGE, LOSS_ZONE, MONEY, RED_BELOW_ZERO } from '../lib/shared';

const STRATEGY = 'strategy=~"$strategy"';
const SYMBOL = 'symbol=~"$symbol"';

/** Portfolio, the signal → decision → order → fill funnel, execution quality, the trading loop. */
export function tradingDashboard(): Dashboard {
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-trading',
      title: 'Tradewatch / Trading',
      description:
        'The account, the trading funnel (signals → decisions → orders → executions), execution quality and the trading loop.',
      tags: ['trading'],
      variables: [
        metricLabelVariable('strategy', 'Strategy', 'signals_generated_total'),
        metricLabelVariable('symbol', 'Symbol', 'trades_executed_total'),
      ],
    })
      .withRow(row('Portfolio'))
      .withPanel(
        stat({
          title: 'Portfolio value',
          description: 'Account equity: cash plus open positions at the last price.',
          unit: MONEY,
          queries: [query(gauge('max', 'portfolio_value'), 'equity')],
        }),
      )
      .withPanel(
        stat({
          title: 'Cash',
          description: 'Cash in the account, settled or not. Bad: near 0, new buys are denied.',
          unit: MONEY,
          queries: [query(gauge('max', 'portfolio_cash'), 'cash')],
        }),
      )
      .withPanel(
        stat({
          title: 'Unrealized P/L',
          description: 'P/L of the open positions at the last price. Red below 0.',
          unit: MONEY,
          queries: [query(gauge('max', 'portfolio_unrealized_profit_loss'), 'unrealized')],
          thresholds: RED_BELOW_ZERO,
        }),
      )
      .withPanel(
        stat({
          title: 'Daily P/L',
          description:
            'Realized P/L since 00:00 UTC; the kill switch watches it. Bad: red below 0, and close to the daily loss limit.',
          unit: MONEY,
          queries: [query(gauge('max', 'daily_profit_loss'), 'today')],
          thresholds: RED_BELOW_ZERO,
        }),
      )
      .withPanel(
        stat({
          title: 'Monthly P/L',
          description: 'Realized P/L of trades closed this calendar month (UTC). Red below 0.',
          unit: MONEY,
          queries: [query(gauge('max', 'monthly_profit_loss'), 'this month')],
          thresholds: RED_BELOW_ZERO,
        }),
      )
      .withPanel(
        stat({
          title: 'Open positions',
          description:
            'Symbols with an open position. Bad: at the max-open-positions limit (new buys denied).',
          unit: 'short',
          decimals: 0,
          queries: [query(gauge('max', 'portfolio_open_positions'), 'positions')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Equity and cash',
          description:
            'Equity and cash over time. The gap between them is the value of the open positions.',
          unit: MONEY,
          queries: EQUITY_AND_CASH,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Profit and loss',
          description:
            'Realized P/L today and this month, and the unrealized P/L of open positions. Bad: daily P/L sliding towards the loss limit.',
          unit: MONEY,
          queries: [
            query(gauge('max', 'daily_profit_loss'), 'daily'),
            query(gauge('max', 'monthly_profit_loss'), 'monthly'),
            query(gauge('max', 'portfolio_unrealized_profit_loss'), 'unrealized'),
          ],
          thresholds: LOSS_ZONE,
          thresholdLines: true,
        }),
      )
      .withRow(row('Funnel: signals → decisions → orders → executions'))
      .withPanel(
        stat({
          title: 'Signals',
          description: 'Long and short signals of the selected strategies in the time range.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(
              sumIncrease('signals_generated_total', [], STRATEGY, 'signal_type!="flat"'),
              'signals',
            ),
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Buy/sell decisions',
          description: 'Decisions other than hold in the time range.',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(sumIncrease('trading_decisions_total', [], 'action!="hold"'), 'decisions'),
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Orders',
          description: 'Orders received after validation in the time range.',
          unit: 'short',
          decimals: 0,
          queries: [instant(sumIncrease('orders_submitted_total'), 'orders')],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Executions',
          description:
            'Fills of the selected strategies and symbols in the time range (a partially filled order counts each fill).',
          unit: 'short',
          decimals: 0,
          queries: [
            instant(sumIncrease('trades_executed_total', [], STRATEGY, SYMBOL), 'executions'),
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Rejected',
          description:
            'Orders denied by risk or compliance or rejected by the broker in the time range.',
          unit: 'short',
          decimals: 0,
          queries: [instant(sumIncrease('trades_rejected_total'), 'rejected')],
          thresholds: [
            ['green', null],
            ['orange', 1],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        stat({
          title: 'Rejection ratio',
          description:
            'Rejected orders / orders in the time range. Bad: above 10 % (orange) or 25 % (red): limits too tight or a broker problem (see Risk).',
          unit: 'percentunit',
          decimals: 1,
          queries: [
            instant(
              `${sumIncrease('trades_rejected_total')} / ${sumIncrease('orders_submitted_total')}`,
              'rejected',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.1],
            ['red', 0.25],
          ],
          sparkline: false,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Funnel per minute',
          description:
            'Each stage per minute. Bad: a stage that drops to 0 while the one before it does not.',
          unit: 'opm',
          queries: [
            query(
              sumRatePerMinute('signals_generated_total', [], STRATEGY, 'signal_type!="flat"'),
              'signals (long/short)',
            ),
            query(
              sumRatePerMinute('trading_decisions_total', [], 'action!="hold"'),
              'decisions (buy/sell)',
            ),
            query(sumRatePerMinute('orders_submitted_total'), 'orders'),
            query(sumRatePerMinute('trades_executed_total', [], STRATEGY, SYMBOL), 'executions'),
            query(sumRatePerMinute('trades_rejected_total'), 'rejected'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Decisions by action',
          description:
            'Buy, sell and hold decisions per minute. Bad: only holds for hours (threshold too high or every strategy flat).',
          unit: 'opm',
          stack: true,
          queries: [query(sumRatePerMinute('trading_decisions_total', ['action']), '{{action}}')],
        }),
      )
      .withRow(row('Orders and executions'))
      .withPanel(
        timeseries({
          title: 'Order status changes',
          description:
            'Orders entering each status per minute. Bad: rejected, expired or canceled rising against filled.',
          unit: 'opm',
          queries: [
            query(sumRatePerMinute('order_status_changes_total', ['status']), '{{status}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Orders by side and type',
          description: 'Orders received per minute by side (buy, sell) and type (market, limit).',
          unit: 'opm',
          stack: true,
          queries: [
            query(
              sumRatePerMinute('orders_submitted_total', ['side', 'type']),
              '{{side}} {{type}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Executions by symbol',
          description: 'Fills per minute by symbol (selected strategies and symbols).',
          unit: 'opm',
          stack: true,
          legendTable: true,
          queries: [
            query(
              sumRatePerMinute('trades_executed_total', ['symbol'], STRATEGY, SYMBOL),
              '{{symbol}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Executions by strategy and side',
          description: 'Fills per minute by strategy ("manual" for API orders) and side.',
          unit: 'opm',
          stack: true,
          legendTable: true,
          queries: [
            query(
              sumRatePerMinute('trades_executed_total', ['strategy', 'side'], STRATEGY, SYMBOL),
              '{{strategy}} {{side}}',
            ),
          ],
        }),
      )
      .withRow(row('Execution quality'))
      .withPanel(
        timeseries({
          title: 'Time to first execution',
          description:
            "From the order's origin (its signal, or the API request) to its first fill. Bad: p95 in tens of seconds for market orders.",
          unit: 's',
          w: 8,
          queries: [
            query(quantile(0.5, 'trade_execution_duration_seconds'), 'p50'),
            query(quantile(0.95, 'trade_execution_duration_seconds'), 'p95'),
            query(quantile(0.99, 'trade_execution_duration_seconds'), 'p99'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Order fill time',
          description:
            'From submission to the broker to the order being completely filled. Bad: a rising p95 (thin liquidity, broker latency).',
          unit: 's',
          w: 8,
          queries: [
            query(quantile(0.5, 'order_fill_duration_seconds'), 'p50'),
            query(quantile(0.95, 'order_fill_duration_seconds'), 'p95'),
            query(quantile(0.99, 'order_fill_duration_seconds'), 'p99'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Slippage per share p95',
          description:
            'Adverse slippage per share against the reference price, 95th percentile by symbol (favourable fills count 0). Bad: above a few cents on liquid symbols.',
          unit: MONEY,
          w: 8,
          queries: [query(quantile(0.95, 'slippage_amount', ['symbol'], SYMBOL), '{{symbol}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Broker latency p95',
          description:
            'Broker round trips (submit, cancel, poll), 95th percentile by broker and operation. Bad: seconds, or a step change.',
          unit: 's',
          queries: [
            query(
              quantile(0.95, 'broker_request_duration_seconds', ['broker', 'operation']),
              '{{broker}} {{operation}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Broker request failures',
          description:
            'Failed broker round trips per second by broker and operation. Bad: anything above 0.',
          unit: 'ops',
          queries: [
            query(
              sumRate(
                'broker_request_duration_seconds_count',
                ['broker', 'operation'],
                'outcome!="success"',
              ),
              '{{broker}} {{operation}}',
            ),
          ],
        }),
      )
      .withRow(row('Trading loop'))
      .withPanel(
        timeseries({
          title: 'Trading cycles',
          description:
            'Cycles per minute by trigger (schedule, manual) and outcome. Bad: failed cycles; only standby on every instance (no leader).',
          unit: 'opm',
          w: 8,
          queries: [
            query(
              sumRatePerMinute('trading_cycles_total', ['trigger', 'outcome']),
              '{{trigger}} {{outcome}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Cycle duration',
          description:
            'Time of one cycle (poll the broker, exits, evaluate and act on every symbol). Bad: approaching the cycle interval (60 s by default); ticks are then skipped.',
          unit: 's',
          w: 8,
          queries: [
            query(quantile(0.5, 'trading_cycle_duration_seconds'), 'p50'),
            query(quantile(0.95, 'trading_cycle_duration_seconds'), 'p95'),
            query(quantile(0.99, 'trading_cycle_duration_seconds'), 'p99'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Stale-data skips',
          description:
            'Symbols a cycle did not trade because their market data was too old, per minute. Bad: persistent skips (check Providers: freshness).',
          unit: 'opm',
          w: 8,
          queries: [
            query(sumRatePerMinute('stale_data_skips_total', ['symbol'], SYMBOL), '{{symbol}}'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Since the last completed cycle',
          description:
            'Seconds since the leader completed a cycle. A saw tooth up to the interval is healthy. Bad: a line that keeps climbing.',
          unit: 's',
          queries: [query(HEARTBEAT_AGE, 'age')],
          thresholds: [
            ['green', null],
            ['orange', 150],
            ['red', 300],
          ],
          thresholdLines: true,
        }),
      )
      .withPanel(
        stateTimeline({
          title: 'Trading loop leader',
          description:
            'Which instance holds the trading-loop lock. Bad: no instance leading, two at once, or leadership flapping.',
          unit: 'none',
          w: 12,
          h: 8,
          queries: [query(gauge('max', 'trading_loop_leader', ['instance']), '{{instance}}')],
          mappings: valueText({ 0: ['standby', 'blue'], 1: ['leader', 'green'] }),
        }),
      ),
  );
}

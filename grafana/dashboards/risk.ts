import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  finish,
  instant,
  query,
  row,
  stat,
  stateTimeline,
  timeseries,
  tradewatchDashboard,
} from '../lib/panels';
import { gauge, quantile, sel, sumIncrease, sumRate, sumRatePerMinute } from '../lib/query';
import {
  LOSS_ZONE,
  MONEY,
  RED_BELOW_ZERO,
  TRADING_STATE,
  TRADING_STATE_MAPPINGS,
} from '../lib/shared';

/** The kill switch and its inputs, limits that bite, exits, drawdown and risk-adjusted return. */
export function riskDashboard(): Dashboard {
  const equity = gauge('max', 'portfolio_value');
  return finish(
    tradewatchDashboard({
      uid: 'tradewatch-risk',
      title: 'Tradewatch / Risk',
      description:
        'Trading state (ACTIVE / REDUCING / HALTED), daily P/L against the kill switch, drawdown, Sharpe and profit factor, pre-trade limits that denied orders, rejections, exits, and cash-account / PDT compliance.',
      tags: ['trading', 'risk'],
    })
      .withRow(row('State'))
      .withPanel(
        stat({
          title: 'Trading state',
          description:
            'ACTIVE trades; REDUCING only closes exposure (daily-loss kill switch or an operator); HALTED trades nothing. Bad: not ACTIVE without an operator decision.',
          unit: 'none',
          queries: [instant(TRADING_STATE, 'state')],
          mappings: TRADING_STATE_MAPPINGS,
          background: true,
          sparkline: false,
        }),
      )
      .withPanel(
        stateTimeline({
          title: 'Trading state over time',
          description:
            'When trading was active, reducing or halted. Bad: red or orange bands nobody expected.',
          unit: 'none',
          w: 20,
          h: 4,
          queries: [query(TRADING_STATE, 'trading state')],
          mappings: TRADING_STATE_MAPPINGS,
        }),
      )
      .withPanel(
        stat({
          title: 'Daily P/L',
          description:
            'Realized P/L since 00:00 UTC: the kill switch moves trading to REDUCING at the daily loss limit (2,000 by default). Red below 0.',
          unit: MONEY,
          queries: [query(gauge('max', 'daily_profit_loss'), 'today')],
          thresholds: RED_BELOW_ZERO,
        }),
      )
      .withPanel(
        stat({
          title: 'Max drawdown',
          description:
            'Largest fall of equity from a running peak, as a share of the peak. Bad: above 10 % (orange), 20 % (red).',
          unit: 'percentunit',
          decimals: 1,
          queries: [query(gauge('max', 'portfolio_max_drawdown_ratio'), 'max drawdown')],
          thresholds: [
            ['green', null],
            ['orange', 0.1],
            ['red', 0.2],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Sharpe ratio',
          description:
            'Annualised Sharpe ratio of daily equity returns (needs two daily returns). Bad: below 0 (red); under 1 (orange) is weak.',
          unit: 'short',
          decimals: 2,
          queries: [query(gauge('max', 'portfolio_sharpe_ratio'), 'Sharpe')],
          thresholds: [
            ['red', null],
            ['orange', 0],
            ['green', 1],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Profit factor',
          description:
            'Gross profit / gross loss of closed trades (absent while there are no losses). Bad: below 1: losing money overall.',
          unit: 'short',
          decimals: 2,
          queries: [query(gauge('max', 'portfolio_profit_factor'), 'profit factor')],
          thresholds: [
            ['red', null],
            ['orange', 1],
            ['green', 1.5],
          ],
        }),
      )
      .withPanel(
        stat({
          title: 'Win streak',
          description: 'Closed trades won in a row, up to the latest.',
          unit: 'short',
          decimals: 0,
          queries: [query(gauge('max', 'win_streak'), 'wins')],
        }),
      )
      .withPanel(
        stat({
          title: 'Loss streak',
          description:
            'Closed trades lost in a row, up to the latest. Bad: 5 or more (orange), 8 or more (red).',
          unit: 'short',
          decimals: 0,
          queries: [query(gauge('max', 'loss_streak'), 'losses')],
          thresholds: [
            ['green', null],
            ['orange', 5],
            ['red', 8],
          ],
        }),
      )
      .withRow(row('Drawdown and returns'))
      .withPanel(
        timeseries({
          title: 'Daily and monthly P/L',
          description:
            'Realized P/L today and this month, and the configured daily loss limit (as a loss). Bad: the daily line heading for the limit line; the kill switch acts there.',
          unit: MONEY,
          queries: [
            query(gauge('max', 'daily_profit_loss'), 'daily'),
            query(gauge('max', 'monthly_profit_loss'), 'monthly'),
            query(
              `-${gauge('min', 'risk_limit', [], 'limit="daily_loss_limit"')}`,
              'daily loss limit',
            ),
          ],
          thresholds: LOSS_ZONE,
          thresholdLines: true,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Drawdown',
          description:
            'Max drawdown (from the daily equity curve) and the current fall of equity from its highest value in the last 30 days. Bad: the current line approaching the max.',
          unit: 'percentunit',
          min: 0,
          queries: [
            query(gauge('max', 'portfolio_max_drawdown_ratio'), 'max drawdown'),
            query(
              `1 - ${equity} / max(max_over_time(${sel('portfolio_value')}[30d]))`,
              'from the 30-day high',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.1],
            ['red', 0.2],
          ],
          thresholdLines: true,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Sharpe ratio and profit factor',
          description:
            'Risk-adjusted return and gross profit / gross loss over time. Bad: either trending below 1.',
          unit: 'short',
          decimals: 2,
          queries: [
            query(gauge('max', 'portfolio_sharpe_ratio'), 'Sharpe'),
            query(gauge('max', 'portfolio_profit_factor'), 'profit factor'),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Invested share of equity',
          description:
            'Value of the open positions / equity. Bad: near 100 % with many positions (no cash buffer for exits and settlement).',
          unit: 'percentunit',
          min: 0,
          queries: [
            query(`(${equity} - ${gauge('max', 'portfolio_cash')}) / ${equity}`, 'invested'),
          ],
        }),
      )
      .withRow(row('Limits and rejections'))
      .withPanel(
        timeseries({
          title: 'Risk limit hits',
          description:
            'Orders denied by a pre-trade check per minute, by limit (max order / position notional, open positions, cash, daily loss, state...). Bad: the same limit firing all day: a strategy is sized against it.',
          unit: 'opm',
          stack: true,
          queries: [query(sumRatePerMinute('risk_limit_hits_total', ['limit']), '{{limit}}')],
        }),
      )
      .withPanel(
        stat({
          title: 'Limit hits in range',
          description: 'Denials per limit in the time range.',
          unit: 'short',
          decimals: 0,
          w: 12,
          h: 8,
          queries: [instant(sumIncrease('risk_limit_hits_total', ['limit']), '{{limit}}')],
          showName: true,
          sparkline: false,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Rejected trades by reason',
          description:
            'Orders denied by risk or compliance, or rejected by the broker, per minute by reason. Bad: broker_rejected or broker_unavailable (not a limit, a failure).',
          unit: 'opm',
          stack: true,
          queries: [query(sumRatePerMinute('trades_rejected_total', ['reason']), '{{reason}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Rejection ratio',
          description: 'Rejected orders / orders received. Bad: above 10 % (orange), 25 % (red).',
          unit: 'percentunit',
          min: 0,
          queries: [
            query(
              `${sumRate('trades_rejected_total')} / ${sumRate('orders_submitted_total')}`,
              'rejected',
            ),
          ],
          thresholds: [
            ['green', null],
            ['orange', 0.1],
            ['red', 0.25],
          ],
          thresholdLines: true,
        }),
      )
      .withRow(row('Exits and sizing'))
      .withPanel(
        timeseries({
          title: 'Exits by type',
          description:
            'Positions closed by an exit rule per minute: stop_loss, take_profit, trailing_stop. Bad: stop losses dominating take profits.',
          unit: 'opm',
          stack: true,
          queries: [query(sumRatePerMinute('risk_exit_triggers_total', ['type']), '{{type}}')],
        }),
      )
      .withPanel(
        stat({
          title: 'Exits in range',
          description: 'Exit-rule closes per type in the time range.',
          unit: 'short',
          decimals: 0,
          w: 12,
          h: 8,
          queries: [instant(sumIncrease('risk_exit_triggers_total', ['type']), '{{type}}')],
          showName: true,
          sparkline: false,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Position size by confidence',
          description:
            "New positions as a share of equity (median and 95th percentile) by the decision's confidence band. Healthy: higher bands get bigger positions; bad: p95 at the position limit.",
          unit: 'percentunit',
          legendTable: true,
          queries: [
            query(
              quantile(0.5, 'position_size_fraction', ['confidence_band']),
              'p50 {{confidence_band}}',
            ),
            query(
              quantile(0.95, 'position_size_fraction', ['confidence_band']),
              'p95 {{confidence_band}}',
            ),
          ],
        }),
      )
      .withPanel(
        timeseries({
          title: 'Open positions',
          description: 'Symbols with an open position. Bad: stuck at the max-open-positions limit.',
          unit: 'short',
          decimals: 0,
          queries: [query(gauge('max', 'portfolio_open_positions'), 'open positions')],
        }),
      )
      .withRow(row('Compliance (cash account, pattern day trader)'))
      .withPanel(
        stat({
          title: 'Violations and restrictions in range',
          description:
            'Good-faith violations, free riding and account restrictions in the time range. Bad: anything above 0: a restricted cash account can only buy with settled cash.',
          unit: 'short',
          decimals: 0,
          w: 8,
          h: 8,
          queries: [
            instant(
              sumIncrease(
                'compliance_events_total',
                [],
                'type=~"good_faith_violation|free_riding|restriction_started"',
              ),
              'violations',
            ),
          ],
          thresholds: [
            ['green', null],
            ['red', 1],
          ],
          background: true,
          sparkline: false,
        }),
      )
      .withPanel(
        timeseries({
          title: 'Compliance events',
          description:
            'Cash-account and PDT events per minute by type: orders blocked (cash_order_blocked, pdt_avoided, intraday_margin_blocked) and violations. Blocks are the rules working; violations are not.',
          unit: 'opm',
          w: 8,
          stack: true,
          queries: [query(sumRatePerMinute('compliance_events_total', ['type']), '{{type}}')],
        }),
      )
      .withPanel(
        timeseries({
          title: 'PDT avoidance',
          description:
            'Orders denied so that the account does not become a pattern day trader (or exceed intraday margin), per minute by rule. Bad: a strategy that keeps running into it (it trades intraday round trips).',
          unit: 'opm',
          w: 8,
          queries: [query(sumRatePerMinute('pdt_avoidance_events_total', ['rule']), '{{rule}}')],
        }),
      ),
  );
}

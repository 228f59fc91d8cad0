/** The load benchmark's tables and verdict lines. */
import type {
  KindSummary,
  LagSummary,
  ScrapeSummary,
  TradingLoopSummary,
  Trend,
} from './load-analysis';
import type { OrderAudit } from './order-audit';
import { formatTable } from './table';

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const signed = (value: number, digits: number): string =>
  `${value >= 0 ? '+' : ''}${fixed(value, digits)}`;
const statusList = (statuses: Record<string, number>, from: number, to: number): string =>
  Object.entries(statuses)
    .filter(([status]) => Number(status) >= from && Number(status) < to)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');

export function kindTable(kinds: readonly KindSummary[]): string {
  return formatTable(
    [
      'kind',
      'requests',
      'req/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      '2xx',
      '4xx',
      '5xx',
      'none',
    ],
    kinds.map((k) => [
      k.kind,
      String(k.requests),
      fixed(k.perSecond, 1),
      fixed(k.latencyMs.p50, 1),
      fixed(k.latencyMs.p90, 1),
      fixed(k.latencyMs.p99, 1),
      fixed(k.latencyMs.max, 1),
      statusList(k.statuses, 200, 300) || '0',
      statusList(k.statuses, 400, 500) || '0',
      String(k.status5xx),
      String(k.noAnswer),
    ]),
  );
}

export function memoryTable(trends: Record<string, Trend | undefined>): string {
  return formatTable(
    ['memory (MiB)', 'start', 'end', 'min', 'max', 'slope MiB/min', '2nd half', 'samples'],
    Object.entries(trends).map(([name, t]) =>
      t
        ? [
            name,
            fixed(t.start, 1),
            fixed(t.end, 1),
            fixed(t.min, 1),
            fixed(t.max, 1),
            signed(t.slopePerMinute, 2),
            signed(t.lateSlopePerMinute, 2),
            String(t.samples),
          ]
        : [name, '–', '–', '–', '–', '–', '–', '0'],
    ),
  );
}

export function lagLine(lag: LagSummary | undefined): string {
  if (!lag) return 'event-loop lag: no nodejs_eventloop_lag_p99_seconds in the scrapes';
  return (
    `event-loop lag p99 (prom-client, per 1 s scrape window): median ${fixed(lag.medianOfP99Ms, 1)} ms, ` +
    `p99 ${fixed(lag.p99OfP99Ms, 1)} ms, max ${fixed(lag.maxOfP99Ms, 1)} ms over ${lag.scrapes} scrapes`
  );
}

export function tradingLoopLines(loop: TradingLoopSummary | undefined): string[] {
  if (!loop) return ['trading loop: not observed (fewer than two scrapes, or interval 0)'];
  const lines = [
    `trading loop every ${loop.intervalMs} ms: ${loop.actualCycles} scheduled cycles in ` +
      `${fixed(loop.observedSeconds, 1)} s (expected ${fixed(loop.expectedCycles, 1)}), outcomes ` +
      JSON.stringify(loop.outcomes),
  ];
  const i = loop.completionIntervalsMs;
  if (i) {
    lines.push(
      `  between completed cycles (heartbeats): mean ${fixed(i.mean, 0)} ms (drift ` +
        `${signed(loop.meanDriftMs ?? NaN, 0)} ms), sd ${fixed(i.stdev, 0)} ms, min ${fixed(i.min, 0)}, ` +
        `p50 ${fixed(i.p50, 0)}, p99 ${fixed(i.p99, 0)}, max ${fixed(i.max, 0)} ms (n ${i.n})`,
    );
  }
  return lines;
}

export function scrapeLine(scrapes: ScrapeSummary): string {
  const d = scrapes.durationMs;
  return (
    `/metrics under load (client side, ${scrapes.scrapes} scrapes, ${scrapes.failed} failed, ` +
    `${scrapes.skippedTicks} ticks skipped): p50 ${fixed(d.p50, 1)} ms, p99 ${fixed(d.p99, 1)} ms, ` +
    `max ${fixed(d.max, 1)} ms; ${scrapes.series.last} samples (first ${scrapes.series.first}), ` +
    `${fixed(scrapes.bytes.last / 1024, 1)} KiB`
  );
}

export function auditLines(audit: OrderAudit): string[] {
  const problems = (
    ['missing', 'duplicated', 'unexpected', 'inconsistent', 'notCreatedOnce'] as const
  )
    .filter((key) => audit[key].length > 0)
    .map((key) => `${key} ${audit[key].length} (e.g. ${audit[key].slice(0, 3).join(', ')})`);
  return [
    `orders: ${audit.accepted} client order ids accepted, ${audit.rows} rows in the database; ` +
      `answers ${JSON.stringify(audit.answers)}; states ${JSON.stringify(audit.orderStatuses)}`,
    `  exactly once per accepted id: ${audit.ok ? 'yes' : `NO — ${problems.join('; ')}`}`,
  ];
}

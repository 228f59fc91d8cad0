import { HistogramCells } from '../exposition/collected-family';
import type { FamilySample } from '../exposition/collected-family';
import { DATABASE_QUERY_DURATION_SECONDS, QUERY_TYPES, QueryType } from './database.metrics';

interface TypeStats {
  success: number;
  error: number;
  readonly duration: HistogramCells;
}

/**
 * The per-query families' values as plain numbers per query type: recording a query is a map
 * lookup and a short bucket scan, no label hashing (prom-client's was most of the cost of timing
 * every query). Read when Prometheus scrapes; a series appears once its type has been seen.
 */
export class QueryStats {
  private readonly byType = new Map<QueryType, TypeStats>(
    QUERY_TYPES.map((type) => [
      type,
      {
        success: 0,
        error: 0,
        duration: new HistogramCells(DATABASE_QUERY_DURATION_SECONDS.buckets),
      },
    ]),
  );

  record(type: QueryType, seconds: number | undefined, success: boolean): void {
    const stats = this.byType.get(type)!;
    if (success) stats.success++;
    else stats.error++;
    if (seconds !== undefined) stats.duration.observe(seconds);
  }

  queries(): FamilySample[] {
    const samples: FamilySample[] = [];
    for (const [type, stats] of this.byType) {
      if (stats.success > 0)
        samples.push({ labels: { query_type: type, outcome: 'success' }, value: stats.success });
      if (stats.error > 0)
        samples.push({ labels: { query_type: type, outcome: 'error' }, value: stats.error });
    }
    return samples;
  }

  durations(): FamilySample[] {
    return [...this.byType]
      .filter(([, stats]) => stats.success + stats.error > 0)
      .flatMap(([type, stats]) =>
        stats.duration.samples(DATABASE_QUERY_DURATION_SECONDS, { query_type: type }),
      );
  }
}

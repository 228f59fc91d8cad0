/**
 * Paired A/B rounds for the small in-process benches: each round measures both variants, in the
 * order AB, BA, AB, … (machine drift hits both alike), and the verdict is the median of the
 * per-round differences A − B with its interval.
 */
import { medianInterval, spread } from './stats';

export type Variant = 'A' | 'B';

export interface PairedRounds {
  micros: Record<Variant, number[]>;
  /** A − B per round, µs. */
  added: number[];
}

/** `measure(variant)` runs one slice of that variant and gives its CPU µs per unit of work. */
export async function alternatingRounds(
  rounds: number,
  unit: string,
  measure: (variant: Variant) => Promise<number>,
): Promise<PairedRounds> {
  const result: PairedRounds = { micros: { A: [], B: [] }, added: [] };
  for (let index = 0; index < rounds; index++) {
    const order: Variant[] = index % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
    const micros = { A: 0, B: 0 };
    for (const variant of order) {
      micros[variant] = await measure(variant);
      result.micros[variant].push(micros[variant]);
    }
    result.added.push(micros.A - micros.B);
    console.log(
      `round ${String(index + 1).padStart(3)} ${order.join('')}: A ${micros.A.toFixed(2)} µs, ` +
        `B ${micros.B.toFixed(2)} µs per ${unit}, A−B ${(micros.A - micros.B).toFixed(2)} µs`,
    );
  }
  return result;
}

/** "A median … µs, B median … µs; added by <what> (paired): median … (~95 % …), IQR …". */
export function pairedSummary(rounds: PairedRounds, what: string): string {
  const difference = spread(rounds.added);
  const interval = medianInterval(difference);
  const median = (values: number[]) => spread(values).median.toFixed(2);
  return (
    `A median ${median(rounds.micros.A)} µs, B median ${median(rounds.micros.B)} µs; added by ` +
    `${what} (paired): median ${difference.median.toFixed(2)} µs (~95 % ` +
    `${interval.low.toFixed(2)}–${interval.high.toFixed(2)}), IQR ${difference.q1.toFixed(2)}–` +
    `${difference.q3.toFixed(2)} µs`
  );
}

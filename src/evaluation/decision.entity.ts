import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DECISION_ACTIONS = ['buy', 'sell', 'hold'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** The inputs a decision was made from, stored with it. */
export interface DecisionInput {
  signalId: string;
  strategy: string;
  direction: string;
  confidence: number;
  weight: number;
  vote: number;
}

/** The decision journal: one row per evaluation of a symbol, with its inputs. */
@Entity({ name: 'decisions' })
@Index(['symbol', 'decidedAt'])
@Index('decisions_recent', ['decidedAt', 'id'])
export class DecisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  symbol!: string;

  @Column({ type: 'text' })
  action!: DecisionAction;

  @Column({ type: 'double precision' })
  confidence!: number;

  /** Weighted net vote of the signals, -1..1. */
  @Column({ type: 'double precision' })
  score!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'numeric', precision: 18, scale: 6 })
  price!: string;

  @Column({ type: 'jsonb' })
  inputs!: DecisionInput[];

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}

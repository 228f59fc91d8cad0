import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SignalDirection } from './strategy.interface';

/** Every signal a strategy produced: what the decision journal and later analysis learn from. */
@Entity({ name: 'signals' })
@Index(['symbol', 'generatedAt'])
@Index(['strategy', 'generatedAt'])
@Index('signals_recent', ['generatedAt', 'id'])
export class SignalEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  strategy!: string;

  @Column({ type: 'text' })
  symbol!: string;

  @Column({ type: 'text' })
  direction!: SignalDirection;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'double precision', nullable: true })
  magnitude!: number | null;

  @Column({ name: 'horizon_minutes', type: 'integer', nullable: true })
  horizonMinutes!: number | null;

  @Column({ type: 'text' })
  reason!: string;

  /** Last price when the signal was generated (numeric: exact). */
  @Column({ type: 'numeric', precision: 18, scale: 6 })
  price!: string;

  @Column({ type: 'jsonb' })
  parameters!: Record<string, number>;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The account's value at a moment: the equity curve that returns, Sharpe and drawdown are computed from. */
@Entity({ name: 'equity_snapshots' })
@Index(['at'])
export class EquitySnapshotEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) cash!: string;
  @Column({ name: 'positions_value', type: 'numeric', precision: 18, scale: 2 })
  positionsValue!: string;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) equity!: string;
}

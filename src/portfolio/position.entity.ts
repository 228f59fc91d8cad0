import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The open position in a symbol (long only: a cash account does not short). */
@Entity({ name: 'positions' })
export class PositionEntity {
  @PrimaryColumn({ type: 'text' }) symbol!: string;
  @Column({ type: 'numeric', precision: 18, scale: 6 }) quantity!: string;
  /** Average cost per share, fees of the buys included. */
  @Column({ name: 'average_cost', type: 'numeric', precision: 18, scale: 6 }) averageCost!: string;
  @Column({ name: 'realized_pnl', type: 'numeric', precision: 18, scale: 2 }) realizedPnl!: string;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

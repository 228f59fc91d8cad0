import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The closed part of a position (a sell against the average cost): what performance is measured on. */
@Entity({ name: 'closed_trades' })
@Index(['closedAt'])
export class ClosedTradeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'fill_id', type: 'bigint', unique: true }) fillId!: string;
  @Column({ type: 'text', nullable: true }) strategy!: string | null;
  @Column({ type: 'text' }) symbol!: string;
  @Column({ type: 'numeric', precision: 18, scale: 6 }) quantity!: string;
  @Column({ name: 'entry_price', type: 'numeric', precision: 18, scale: 6 }) entryPrice!: string;
  @Column({ name: 'exit_price', type: 'numeric', precision: 18, scale: 6 }) exitPrice!: string;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) fees!: string;
  @Column({ name: 'realized_pnl', type: 'numeric', precision: 18, scale: 2 }) realizedPnl!: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz' }) closedAt!: Date;
}

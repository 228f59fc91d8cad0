import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderSide } from './order.types';

/** One execution (a trade): part or all of an order, at a price, with its fee and slippage. */
@Entity({ name: 'fills' })
@Index(['symbol', 'executedAt'])
export class FillEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'order_id', type: 'bigint' }) orderId!: string;
  /** The broker's execution id: unique, so a report applied twice adds nothing. */
  @Column({ name: 'broker_fill_id', type: 'text', unique: true }) brokerFillId!: string;
  @Column({ type: 'text' }) symbol!: string;
  @Column({ type: 'text' }) side!: OrderSide;
  @Column({ type: 'text', nullable: true }) strategy!: string | null;
  @Column({ type: 'numeric', precision: 18, scale: 6 }) quantity!: string;
  @Column({ type: 'numeric', precision: 18, scale: 6 }) price!: string;
  @Column({ type: 'numeric', precision: 18, scale: 6 }) fee!: string;
  /** Per share, against the order's reference price; positive = worse than expected. */
  @Column({ type: 'numeric', precision: 18, scale: 6 }) slippage!: string;
  @Column({ name: 'executed_at', type: 'timestamptz' }) executedAt!: Date;
}

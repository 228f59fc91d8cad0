import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from './order.types';

/** Every state change of an order, written in the same transaction as the change. */
@Entity({ name: 'order_events' })
@Index(['orderId'])
export class OrderEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'order_id', type: 'bigint' }) orderId!: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus!: OrderStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus!: OrderStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details!: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) at!: Date;
}

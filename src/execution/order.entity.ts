import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderSide, OrderStatus, OrderType } from './order.types';

@Entity({ name: 'orders' })
@Index(['symbol', 'createdAt'])
export class OrderEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The caller's idempotency key: a retried submit with the same key returns this order. */
  @Column({ name: 'client_order_id', type: 'text', unique: true })
  clientOrderId!: string;

  @Column({ type: 'text' }) symbol!: string;
  @Column({ type: 'text' }) side!: OrderSide;
  @Column({ type: 'text' }) type!: OrderType;
  @Column({ type: 'numeric', precision: 18, scale: 6 }) quantity!: string;
  @Column({ name: 'limit_price', type: 'numeric', precision: 18, scale: 6, nullable: true })
  limitPrice!: string | null;
  @Column({ type: 'text' }) status!: OrderStatus;
  @Column({ name: 'filled_quantity', type: 'numeric', precision: 18, scale: 6 })
  filledQuantity!: string;
  @Column({ name: 'average_fill_price', type: 'numeric', precision: 18, scale: 6, nullable: true })
  averageFillPrice!: string | null;
  @Column({ type: 'text', nullable: true }) strategy!: string | null;
  @Column({ type: 'text' }) broker!: string;
  @Column({ name: 'broker_order_id', type: 'text', nullable: true }) brokerOrderId!: string | null;
  /** Why it was denied, rejected or canceled. */
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  /** The price the order expected (the touch when submitted, or the limit): slippage is measured from it. */
  @Column({ name: 'reference_price', type: 'numeric', precision: 18, scale: 6, nullable: true })
  referencePrice!: string | null;
  /** When the idea behind the order was born (the signal's time, or the request's): for trade_execution_duration_seconds. */
  @Column({ name: 'intended_at', type: 'timestamptz' }) intendedAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

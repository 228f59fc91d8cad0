import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A compliance event (a denied order, a violation that happened, a restriction), kept for history. */
@Entity({ name: 'compliance_events' })
@Index(['at'])
export class ComplianceEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) type!: string;
  /** cash_account or pdt. */
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'text', nullable: true }) symbol!: string | null;
  @Column({ name: 'order_id', type: 'bigint', nullable: true }) orderId!: string | null;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details!: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) at!: Date;
}

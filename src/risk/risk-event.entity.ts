import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A denial or a risk action (halt, resume, kill switch), with its typed reason. */
@Entity({ name: 'risk_events' })
@Index(['at'])
export class RiskEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) kind!: 'denial' | 'state_change';
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'text', nullable: true }) symbol!: string | null;
  @Column({ name: 'order_id', type: 'bigint', nullable: true }) orderId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details!: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) at!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The risk limits and trading state, one row, changed through the API and kept across restarts. */
@Entity({ name: 'risk_settings' })
export class RiskSettingsEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'jsonb' }) limits!: Record<string, number>;
  @Column({ name: 'trading_state', type: 'text' }) tradingState!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

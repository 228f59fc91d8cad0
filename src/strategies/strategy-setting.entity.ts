import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Run-time changes to a strategy (enabled, parameters), kept across restarts. */
@Entity({ name: 'strategy_settings' })
export class StrategySettingEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'jsonb' })
  parameters!: Record<string, number>;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

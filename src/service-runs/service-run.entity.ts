import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row per process start: restarts and unclean stops (no `stoppedAt`) stay visible. */
@Entity({ name: 'service_runs' })
export class ServiceRun {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @Column({ type: 'text' })
  version!: string;

  @Column({ name: 'node_version', type: 'text' })
  nodeVersion!: string;

  @Column({ type: 'integer' })
  pid!: number;

  @Column({ type: 'text' })
  hostname!: string;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one trading account: its cash, changed only together with a ledger entry. */
@Entity({ name: 'account' })
export class AccountEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) cash!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

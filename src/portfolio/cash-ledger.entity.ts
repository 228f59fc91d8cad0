import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CashEntryKind = 'deposit' | 'buy' | 'sell' | 'fee';

/** Every movement of cash; the account's cash is the sum of its entries. */
@Entity({ name: 'cash_ledger' })
@Index(['at'])
export class CashLedgerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) kind!: CashEntryKind;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) amount!: string;
  @Column({ name: 'balance_after', type: 'numeric', precision: 18, scale: 2 })
  balanceAfter!: string;
  @Column({ name: 'fill_id', type: 'bigint', nullable: true }) fillId!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** When the cash settles (T+1 for trades); null for deposits, settled at once. */
  @Column({ name: 'settles_at', type: 'timestamptz', nullable: true }) settlesAt!: Date | null;
}

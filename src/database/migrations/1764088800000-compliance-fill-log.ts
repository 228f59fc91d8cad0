import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the compliance replay reads instead of every fill on every check: the fills in commit order
 * (each check reads only those logged since the last one), a snapshot of the replay to resume from
 * after a restart, and an index for the opening deposits it sums on each check.
 */
export class ComplianceFillLog1764088800000 implements MigrationInterface {
  name = 'ComplianceFillLog1764088800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE compliance_fill_log (
        seq bigserial PRIMARY KEY,
        fill_id bigint NOT NULL UNIQUE REFERENCES fills (id)
      )`);
    await queryRunner.query(
      'INSERT INTO compliance_fill_log (fill_id) SELECT id FROM fills ORDER BY executed_at, id',
    );
    await queryRunner.query(`
      CREATE TABLE compliance_snapshots (
        account_kind text PRIMARY KEY,
        seq bigint NOT NULL,
        snapshot jsonb NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      "CREATE INDEX cash_ledger_deposits ON cash_ledger (id) WHERE kind = 'deposit'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX cash_ledger_deposits');
    await queryRunner.query('DROP TABLE compliance_snapshots');
    await queryRunner.query('DROP TABLE compliance_fill_log');
  }
}

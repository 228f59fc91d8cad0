import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EquityCompliance1764078000000 implements MigrationInterface {
  name = 'EquityCompliance1764078000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE equity_snapshots (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        cash numeric(18, 2) NOT NULL,
        positions_value numeric(18, 2) NOT NULL,
        equity numeric(18, 2) NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX equity_snapshots_time ON equity_snapshots (at)');
    await queryRunner.query(`
      CREATE TABLE compliance_events (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        rule text NOT NULL,
        symbol text,
        order_id bigint REFERENCES orders (id),
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX compliance_events_time ON compliance_events (at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE compliance_events');
    await queryRunner.query('DROP TABLE equity_snapshots');
  }
}

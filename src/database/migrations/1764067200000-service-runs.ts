import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceRuns1764067200000 implements MigrationInterface {
  name = 'ServiceRuns1764067200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE service_runs (
        id bigserial PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        stopped_at timestamptz,
        version text NOT NULL,
        node_version text NOT NULL,
        pid integer NOT NULL,
        hostname text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE service_runs');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journals' lists without a symbol (`GET /api/decisions`, `GET /api/signals`: newest first,
 * a page at a time) sorted the whole table on every call, slower with every evaluation; these
 * indexes hand out the newest rows directly.
 */
export class RecentFirstIndexes1764096000000 implements MigrationInterface {
  name = 'RecentFirstIndexes1764096000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX decisions_recent ON decisions (decided_at DESC, id DESC)',
    );
    await queryRunner.query('CREATE INDEX signals_recent ON signals (generated_at DESC, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX signals_recent');
    await queryRunner.query('DROP INDEX decisions_recent');
  }
}

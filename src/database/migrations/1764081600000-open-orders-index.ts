import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open orders (initialized ones too: a crash can leave them) are read on every order admission
 * for what they commit: the partial index now covers exactly those, by symbol and side.
 */
export class OpenOrdersIndex1764081600000 implements MigrationInterface {
  name = 'OpenOrdersIndex1764081600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX orders_open');
    await queryRunner.query(
      `CREATE INDEX orders_open ON orders (symbol, side)
         WHERE status IN ('initialized', 'submitted', 'accepted', 'partially_filled')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX orders_open');
    await queryRunner.query(
      `CREATE INDEX orders_open ON orders (status) WHERE status IN ('submitted', 'accepted', 'partially_filled')`,
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignalsDecisions1764070800000 implements MigrationInterface {
  name = 'SignalsDecisions1764070800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE signals (
        id bigserial PRIMARY KEY,
        strategy text NOT NULL,
        symbol text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('long', 'short', 'flat')),
        confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
        magnitude double precision,
        horizon_minutes integer,
        reason text NOT NULL,
        price numeric(18, 6) NOT NULL,
        parameters jsonb NOT NULL,
        generated_at timestamptz NOT NULL,
        expires_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX signals_symbol_time ON signals (symbol, generated_at)');
    await queryRunner.query(
      'CREATE INDEX signals_strategy_time ON signals (strategy, generated_at)',
    );
    await queryRunner.query(`
      CREATE TABLE decisions (
        id bigserial PRIMARY KEY,
        symbol text NOT NULL,
        action text NOT NULL CHECK (action IN ('buy', 'sell', 'hold')),
        confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
        score double precision NOT NULL,
        reason text NOT NULL,
        price numeric(18, 6) NOT NULL,
        inputs jsonb NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX decisions_symbol_time ON decisions (symbol, decided_at)');
    await queryRunner.query(`
      CREATE TABLE strategy_settings (
        name text PRIMARY KEY,
        enabled boolean NOT NULL,
        parameters jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE strategy_settings');
    await queryRunner.query('DROP TABLE decisions');
    await queryRunner.query('DROP TABLE signals');
  }
}

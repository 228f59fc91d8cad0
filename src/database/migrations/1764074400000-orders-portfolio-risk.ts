import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersPortfolioRisk1764074400000 implements MigrationInterface {
  name = 'OrdersPortfolioRisk1764074400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders (
        id bigserial PRIMARY KEY,
        client_order_id text NOT NULL UNIQUE,
        symbol text NOT NULL,
        side text NOT NULL CHECK (side IN ('buy', 'sell')),
        type text NOT NULL CHECK (type IN ('market', 'limit')),
        quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
        limit_price numeric(18, 6) CHECK (limit_price > 0),
        status text NOT NULL,
        filled_quantity numeric(18, 6) NOT NULL DEFAULT 0 CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
        average_fill_price numeric(18, 6),
        strategy text,
        broker text NOT NULL,
        broker_order_id text,
        reason text,
        reference_price numeric(18, 6),
        intended_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX orders_symbol_time ON orders (symbol, created_at)');
    await queryRunner.query(
      `CREATE INDEX orders_open ON orders (status) WHERE status IN ('submitted', 'accepted', 'partially_filled')`,
    );
    await queryRunner.query(`
      CREATE TABLE order_events (
        id bigserial PRIMARY KEY,
        order_id bigint NOT NULL REFERENCES orders (id),
        from_status text,
        to_status text NOT NULL,
        reason text,
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX order_events_order ON order_events (order_id)');
    await queryRunner.query(`
      CREATE TABLE fills (
        id bigserial PRIMARY KEY,
        order_id bigint NOT NULL REFERENCES orders (id),
        broker_fill_id text NOT NULL UNIQUE,
        symbol text NOT NULL,
        side text NOT NULL,
        strategy text,
        quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
        price numeric(18, 6) NOT NULL CHECK (price > 0),
        fee numeric(18, 6) NOT NULL,
        slippage numeric(18, 6) NOT NULL,
        executed_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX fills_symbol_time ON fills (symbol, executed_at)');
    await queryRunner.query(`
      CREATE TABLE positions (
        symbol text PRIMARY KEY,
        quantity numeric(18, 6) NOT NULL CHECK (quantity >= 0),
        average_cost numeric(18, 6) NOT NULL,
        realized_pnl numeric(18, 2) NOT NULL,
        opened_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE account (
        id text PRIMARY KEY,
        cash numeric(18, 2) NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE cash_ledger (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        amount numeric(18, 2) NOT NULL,
        balance_after numeric(18, 2) NOT NULL,
        fill_id bigint REFERENCES fills (id),
        at timestamptz NOT NULL,
        settles_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX cash_ledger_time ON cash_ledger (at)');
    await queryRunner.query(`
      CREATE TABLE closed_trades (
        id bigserial PRIMARY KEY,
        fill_id bigint NOT NULL UNIQUE REFERENCES fills (id),
        strategy text,
        symbol text NOT NULL,
        quantity numeric(18, 6) NOT NULL,
        entry_price numeric(18, 6) NOT NULL,
        exit_price numeric(18, 6) NOT NULL,
        fees numeric(18, 2) NOT NULL,
        realized_pnl numeric(18, 2) NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX closed_trades_time ON closed_trades (closed_at)');
    await queryRunner.query(`
      CREATE TABLE risk_events (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        reason text NOT NULL,
        message text NOT NULL,
        symbol text,
        order_id bigint REFERENCES orders (id),
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX risk_events_time ON risk_events (at)');
    await queryRunner.query(`
      CREATE TABLE risk_settings (
        id text PRIMARY KEY,
        limits jsonb NOT NULL,
        trading_state text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'risk_settings',
      'risk_events',
      'closed_trades',
      'cash_ledger',
      'account',
      'positions',
      'fills',
      'order_events',
      'orders',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

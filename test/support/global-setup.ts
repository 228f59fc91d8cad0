import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/** One throw-away PostgreSQL for the whole run; each test file makes its own database in it. */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tradewatch-test-pg-'));
  chmodSync(dir, 0o777);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true });
  process.env.TEST_POSTGRES_URL = pg.url;
  (globalThis as Record<string, unknown>).__TEST_POSTGRES__ = { pg, dir };
}

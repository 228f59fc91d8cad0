import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A fresh database in the run's PostgreSQL, so test files never share tables or migrations. */
export async function createTestDatabase(): Promise<string> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl)
    throw new Error('TEST_POSTGRES_URL is not set: run the tests through jest (global setup)');
  const name = `tw_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

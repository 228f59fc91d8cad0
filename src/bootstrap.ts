import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { resolveApiToken } from './common/auth/api-token';
import type { AppConfig } from './config';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './database/embedded-postgres';

export interface RunningApp {
  app: INestApplication;
  config: AppConfig;
  embedded?: EmbeddedPostgresHandle;
  apiToken: string;
  /** Stops accepting, drains, closes the app, then stops the embedded PostgreSQL. */
  close(): Promise<void>;
}

/** Options for every Nest app instance we create (main and tests alike). */
export const NEST_APP_OPTIONS: NestApplicationOptions = {
  bufferLogs: true,
  // body parsers are added by configureApp, with the configured size limit
  bodyParser: false,
};

type Log = (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;

/** Starts everything the configuration asks for; main.ts and the process-level tests use it. */
export async function startApp(config: AppConfig, log: Log): Promise<RunningApp> {
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(config.dataDir, 'pg'),
        port: config.database.embeddedPort,
        log: (message) => log('info', message, { component: 'embedded-postgres' }),
      });
  if (embedded)
    log('info', `embedded PostgreSQL listening on 127.0.0.1:${embedded.port}`, {
      dataDir: embedded.dataDir,
    });
  try {
    const token = resolveApiToken(config.apiToken, config.dataDir);
    if (token.source === 'generated') {
      log(
        'warn',
        `generated an API token (kept in ${token.file}); send it as "Authorization: Bearer <token>"`,
        {
          apiToken: token.token,
        },
      );
    }
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({
        config,
        databaseUrl: config.database.url ?? embedded!.url,
        apiToken: token.token,
      }),
      NEST_APP_OPTIONS,
    );
    configureApp(app, config);
    await app.listen(config.http.port, config.http.host);
    const close = () => closeAll(app, embedded, config.shutdownTimeoutMs / 2);
    return { app, config, embedded, apiToken: token.token, close };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Stops accepting connections and lets the requests in flight finish (closing keep-alive
 * sockets as they go idle); whatever is still open after `timeoutMs` is cut.
 */
async function drainHttp(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweeper);
    clearTimeout(deadline);
  }
}

/** Drain HTTP, close the app (its database pool among it), then stop the embedded PostgreSQL. */
async function closeAll(
  app: INestApplication,
  embedded: EmbeddedPostgresHandle | undefined,
  drainTimeoutMs: number,
): Promise<void> {
  try {
    await drainHttp(app.getHttpServer() as Server, drainTimeoutMs);
    await app.close();
  } finally {
    await embedded?.stop();
  }
}

import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock/clock';
import { configureApp } from '../../src/app.setup';
import { NEST_APP_OPTIONS } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config';
import { createTestDatabase } from './test-database';

export const TEST_API_TOKEN = 'test-api-token-0123456789';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** http://127.0.0.1:<port> of the app's listener. */
  url: string;
  databaseUrl: string;
  /** fetch against the app, with the API token unless `auth: false`. */
  get(path: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  /** The text of the metrics endpoint (on the metrics port when one is configured). */
  scrape(headers?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  controllers?: Type[];
  databaseUrl?: string;
  /** Replaces the app's clock (settlement, PDT windows, daily P/L). */
  clock?: Clock;
}

/** The real app (real module, real setup, real PostgreSQL) on a loopback port. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradewatch-test-data-'));
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    API_TOKEN: TEST_API_TOKEN,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // the scheduled loop would trade between a test's before and after; tests run cycles themselves
    TRADING_INTERVAL_MS: '0',
    ...options.env,
  });
  const builder = Test.createTestingModule({
    imports: [AppModule.register({ config, databaseUrl, apiToken: TEST_API_TOKEN })],
    controllers: options.controllers ?? [],
  });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication(NEST_APP_OPTIONS);
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const get = (path: string, init: RequestInit & { auth?: boolean } = {}) => {
    const { auth = true, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (auth) headers.set('authorization', `Bearer ${TEST_API_TOKEN}`);
    return fetch(`${url}${path}`, { ...rest, headers });
  };
  const scrape = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${config.metrics.path}`, { headers });
    if (response.status !== 200) throw new Error(`scrape answered ${response.status}`);
    return response.text();
  };
  return {
    app,
    config,
    url,
    databaseUrl,
    get,
    scrape,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

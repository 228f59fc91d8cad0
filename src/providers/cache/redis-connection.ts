import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config';
import { HealthIndicatorRegistry } from '../../observability';

/** The Redis client when REDIS_URL is set: fails fast when Redis is away, closed on shutdown. */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client?: Redis;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorRegistry,
  ) {
    const url = config.marketData.redisUrl;
    if (!url) return;
    this.client = new Redis(url, {
      connectTimeout: 1000,
      commandTimeout: 500,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    this.client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
  }

  onModuleInit(): void {
    const client = this.client;
    if (!client) return;
    this.health.register({
      name: 'redis',
      probes: [],
      check: async () => {
        try {
          await client.ping();
          return { redis: { status: 'up' } };
        } catch (error) {
          return {
            redis: {
              status: 'down',
              message: error instanceof Error ? error.message : 'unreachable',
            },
          };
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}

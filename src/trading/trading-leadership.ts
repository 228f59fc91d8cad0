import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Gauge } from 'prom-client';
import { DataSource, QueryRunner } from 'typeorm';
import { isDatabaseUnavailable } from '../common/errors/database-unavailable';
import { InjectMetric } from '../observability';

/** The PostgreSQL advisory-lock key of the trading loop (any fixed 64-bit number). */
const LOOP_LOCK_KEY = '730520261125';

/**
 * Exactly one instance on a database runs the trading loop: the one holding a session-level
 * advisory lock on a connection of its own. If that instance dies, PostgreSQL ends its session,
 * the lock is released and the next instance to try takes over.
 */
@Injectable()
export class TradingLeadership implements OnApplicationShutdown {
  private readonly logger = new Logger(TradingLeadership.name);
  private session?: QueryRunner;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectMetric('trading_loop_leader') private readonly leaderGauge: Gauge<string>,
  ) {}

  get isLeader(): boolean {
    return this.session !== undefined;
  }

  /** True when this instance leads (checking that its lock session is still alive), or just became leader. */
  async ensure(): Promise<boolean> {
    if (this.session && (await this.alive(this.session))) return true;
    await this.release();
    const session = this.dataSource.createQueryRunner();
    try {
      await session.connect();
      const [{ locked }] = (await session.query('SELECT pg_try_advisory_lock($1) AS locked', [
        LOOP_LOCK_KEY,
      ])) as Array<{
        locked: boolean;
      }>;
      if (!locked) {
        await session.release();
        return this.publish(false);
      }
      this.session = session;
      this.logger.log('this instance now runs the trading loop');
      return this.publish(true);
    } catch (error) {
      await session.release().catch(() => undefined);
      this.publish(false);
      // no database is not "another instance leads": the cycle pauses instead of standing by
      if (isDatabaseUnavailable(error)) throw error;
      this.logger.warn(`could not take the trading-loop lock: ${String(error)}`);
      return false;
    }
  }

  async release(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.publish(false);
    if (!session) return;
    await session.query('SELECT pg_advisory_unlock($1)', [LOOP_LOCK_KEY]).catch(() => undefined);
    await session.release().catch(() => undefined);
  }

  onApplicationShutdown(): Promise<void> {
    return this.release();
  }

  private async alive(session: QueryRunner): Promise<boolean> {
    try {
      await session.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private publish(leader: boolean): boolean {
    this.leaderGauge.set(leader ? 1 : 0);
    return leader;
  }
}

import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { Repository } from 'typeorm';
import { APP_VERSION } from '../app-version';
import { ServiceRun } from './service-run.entity';

export interface PreviousRun {
  startedAt: Date;
  stoppedAt: Date | null;
  /** False when that process never recorded its stop (a crash, SIGKILL, power loss). */
  cleanShutdown: boolean;
}

/** Journals this process's start and clean stop in `service_runs`. */
@Injectable()
export class ServiceRunsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ServiceRunsService.name);
  private current?: ServiceRun;
  private previous: PreviousRun | null = null;

  constructor(@InjectRepository(ServiceRun) private readonly runs: Repository<ServiceRun>) {}

  async onApplicationBootstrap(): Promise<void> {
    const [last] = await this.runs.find({ order: { id: 'DESC' }, take: 1 });
    this.previous = last
      ? {
          startedAt: last.startedAt,
          stoppedAt: last.stoppedAt,
          cleanShutdown: last.stoppedAt !== null,
        }
      : null;
    if (this.previous && !this.previous.cleanShutdown) {
      this.logger.warn(
        `the previous run (started ${last.startedAt.toISOString()}) did not stop cleanly`,
      );
    }
    this.current = await this.runs.save(
      this.runs.create({
        version: APP_VERSION,
        nodeVersion: process.version,
        pid: process.pid,
        hostname: hostname(),
      }),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.current) return;
    await this.runs
      .update({ id: this.current.id }, { stoppedAt: new Date() })
      .catch((error: unknown) => {
        this.logger.warn(`could not record the clean stop: ${String(error)}`);
      });
  }

  get startedAt(): Date | undefined {
    return this.current?.startedAt;
  }

  get previousRun(): PreviousRun | null {
    return this.previous;
  }
}

import { Module } from '@nestjs/common';
import { ServiceRunsModule } from '../service-runs/service-runs.module';
import { StatusController } from './status.controller';

@Module({ imports: [ServiceRunsModule], controllers: [StatusController] })
export class StatusModule {}

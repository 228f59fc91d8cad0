import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceRun } from './service-run.entity';
import { ServiceRunsService } from './service-runs.service';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceRun])],
  providers: [ServiceRunsService],
  exports: [ServiceRunsService],
})
export class ServiceRunsModule {}

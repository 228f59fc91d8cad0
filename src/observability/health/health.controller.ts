import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult } from '@nestjs/terminus';
import { HealthIndicatorRegistry } from './health-indicator.registry';
import { HealthStatusService } from './health-status.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly registry: HealthIndicatorRegistry,
    private readonly health: HealthStatusService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Every indicator; 503 when any is down' })
  all(): Promise<HealthCheckResult> {
    return this.health.check(this.registry.all());
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness: the process answers; never fails because a dependency is down',
  })
  live(): Promise<HealthCheckResult> {
    return this.health.check(this.registry.forProbe('liveness'));
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: database, disk and heap; 503 when the app should get no traffic',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.registry.forProbe('readiness'));
  }
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsModule } from '../metrics/metrics.module';
import { CoreIndicators } from './core-indicators';
import { HealthIndicatorRegistry } from './health-indicator.registry';
import {
  HEALTH_OPTIONS,
  HealthModuleOptions,
  resolveHealthOptions,
} from './health-options.interface';
import { HealthStatusService } from './health-status.service';
import { HealthController } from './health.controller';
import { HEALTH_METRICS } from './health.metrics';

/**
 * `/health`, `/health/live`, `/health/ready` on Terminus, each indicator mirrored into a gauge.
 * Global, so any feature can inject `HealthIndicatorRegistry` and add its own indicator.
 */
@Global()
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        MetricsModule.forFeature(HEALTH_METRICS),
      ],
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_OPTIONS, useValue: resolveHealthOptions(options) },
        HealthIndicatorRegistry,
        HealthStatusService,
        CoreIndicators,
      ],
      exports: [HealthIndicatorRegistry, HealthStatusService],
    };
  }
}

import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule } from '@nestjs/core';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { getToken } from '@willsoto/nestjs-prometheus';
import { MethodInstrumenter } from './decorators/method-instrumenter';
import { ErrorMetrics } from './errors/error-metrics.service';
import { ProcessErrorHandlers } from './errors/process-error-handlers';
import { ERROR_METRICS } from './errors/error.metrics';
import { MetricsController } from './exposition/metrics.controller';
import { MetricsExposition } from './exposition/metrics-exposition.service';
import { MetricsServer } from './exposition/metrics-server';
import { HttpMetricsRecorder } from './http/http-metrics.recorder';
import { HTTP_METRICS } from './http/http.metrics';
import type { MetricDefinition } from './metric-definition';
import { metricProviders } from './metric-factory';
import { METRICS_OPTIONS, METRICS_REGISTRY } from './metrics.constants';
import {
  MetricsModuleOptions,
  ResolvedMetricsOptions,
  resolveMetricsOptions,
} from './metrics-options.interface';
import { GcMetrics } from './system/gc-metrics';
import { SystemMetricsCollector } from './system/system-metrics.collector';
import { SYSTEM_METRICS } from './system/system.metrics';

/** The metrics every app using the module gets. */
export const CORE_METRICS: readonly MetricDefinition[] = [
  ...HTTP_METRICS,
  ...SYSTEM_METRICS,
  ...ERROR_METRICS,
];
/** Those backed by prom-client metric objects (the HTTP families are collected by the recorder). */
const INJECTABLE_CORE_METRICS: readonly MetricDefinition[] = [...SYSTEM_METRICS, ...ERROR_METRICS];

function createRegistry(options: ResolvedMetricsOptions): Registry {
  const registry = new Registry();
  if (options.enabled && options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/** A controller class of its own per module instance, so the configured path never leaks. */
function controllerAt(path: string): Type {
  class ConfiguredMetricsController extends MetricsController {}
  Reflect.defineMetadata(PATH_METADATA, path, ConfiguredMetricsController);
  return ConfiguredMetricsController;
}

function instrumentationProviders(options: ResolvedMetricsOptions): Provider[] {
  if (!options.enabled) return [];
  const providers: Provider[] = [
    HttpMetricsRecorder,
    SystemMetricsCollector,
    MethodInstrumenter,
    ProcessErrorHandlers,
  ];
  if (options.defaultMetrics) providers.push(GcMetrics);
  if (options.port !== undefined) providers.push(MetricsServer);
  return providers;
}

/**
 * Prometheus metrics for a Nest app: a DI-provided registry (no prom-client global), metric
 * providers injectable with `@InjectMetric(name)`, HTTP request metrics for every request, the
 * `@Timed`/`@Counted` decorators, system and error metrics, and the exposition endpoint.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(moduleOptions: MetricsModuleOptions = {}): DynamicModule {
    const options = resolveMetricsOptions(moduleOptions);
    const serveOnAppListener = options.enabled && options.port === undefined;
    return {
      module: MetricsModule,
      imports: [DiscoveryModule],
      controllers: serveOnAppListener ? [controllerAt(options.path)] : [],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        { provide: METRICS_REGISTRY, useFactory: () => createRegistry(options) },
        ...metricProviders(INJECTABLE_CORE_METRICS),
        MetricsExposition,
        ErrorMetrics,
        ...instrumentationProviders(options),
      ],
      exports: [
        METRICS_OPTIONS,
        METRICS_REGISTRY,
        MetricsExposition,
        ErrorMetrics,
        ...INJECTABLE_CORE_METRICS.map((d) => getToken(d.name)),
      ],
    };
  }

  /** Registers a feature's metric definitions; inject each with `@InjectMetric(definition.name)`. */
  static forFeature(definitions: readonly MetricDefinition[]): DynamicModule {
    const providers = metricProviders(definitions);
    return {
      module: MetricsFeatureModule,
      providers,
      exports: definitions.map((definition) => getToken(definition.name)),
    };
  }
}

@Module({})
class MetricsFeatureModule {}

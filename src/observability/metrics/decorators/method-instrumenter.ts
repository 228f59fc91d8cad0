import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Counter, Histogram, LabelValues, Registry } from 'prom-client';
import { metricFromDefinition } from '../metric-factory';
import { METRICS_REGISTRY } from '../metrics.constants';
import { instrumentationsOf, LabelSource, MethodInstrumentation } from './instrumented.decorator';
import { observeOutcome, withOutcome } from './outcome';

type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

const resolveLabels = (
  source: LabelSource | undefined,
  self: unknown,
  args: unknown[],
): LabelValues<string> =>
  typeof source === 'function' ? source(self as never, args) : (source ?? {});

/**
 * Finds `@Timed`/`@Counted` methods on every singleton provider and wraps them on the instance,
 * keeping `this`, the return value and the prototype's method (and its metadata) untouched.
 */
@Injectable()
export class MethodInstrumenter implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.isDependencyTreeStatic()
        ? (wrapper.instance as Record<string, unknown>)
        : null;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (!prototype) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) this.wrapMethod(instance, name);
    }
  }

  private wrapMethod(instance: Record<string, unknown>, name: string): void {
    const original = instance[name] as AnyMethod;
    const entries = instrumentationsOf(original);
    if (entries.length === 0) return;
    const wrapped = entries.reduce<AnyMethod>((inner, entry) => this.wrap(inner, entry), original);
    for (const key of Reflect.getMetadataKeys(original)) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, original), wrapped);
    }
    Object.defineProperty(wrapped, 'name', { value: original.name });
    instance[name] = wrapped;
  }

  private wrap(inner: AnyMethod, entry: MethodInstrumentation): AnyMethod {
    const metric = metricFromDefinition(this.registry, entry.definition);
    if (entry.kind === 'timed') {
      const histogram = metric as Histogram<string>;
      return function (this: unknown, ...args: unknown[]) {
        const labels = resolveLabels(entry.labels, this, args);
        const startedAt = performance.now();
        return observeOutcome(
          () => inner.apply(this, args),
          (outcome) =>
            histogram.observe(
              withOutcome(labels, histogram, outcome),
              (performance.now() - startedAt) / 1000,
            ),
        );
      };
    }
    const counter = metric as Counter<string>;
    return function (this: unknown, ...args: unknown[]) {
      const labels = resolveLabels(entry.labels, this, args);
      return observeOutcome(
        () => inner.apply(this, args),
        (outcome) => counter.inc(withOutcome(labels, counter, outcome)),
      );
    };
  }
}

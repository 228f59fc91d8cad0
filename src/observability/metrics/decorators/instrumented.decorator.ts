import type { LabelValues } from 'prom-client';
import { INSTRUMENTED_METHOD } from '../metrics.constants';
import type { CounterDefinition, HistogramDefinition } from '../metric-definition';

/** Static labels, or a function of the instance and the call's arguments (closed sets only). */
export type LabelSource<Self = never> =
  LabelValues<string> | ((self: Self, args: unknown[]) => LabelValues<string>);

export interface InstrumentationOptions<Self = never> {
  labels?: LabelSource<Self>;
}

export interface MethodInstrumentation {
  kind: 'timed' | 'counted';
  definition: HistogramDefinition | CounterDefinition;
  labels?: LabelSource;
}

export function instrumentationsOf(method: object): MethodInstrumentation[] {
  return (
    (Reflect.getMetadata(INSTRUMENTED_METHOD, method) as MethodInstrumentation[] | undefined) ?? []
  );
}

function instrument(entry: MethodInstrumentation): MethodDecorator {
  return (_target, _key, descriptor) => {
    const method = descriptor.value as object | undefined;
    if (typeof method !== 'function') throw new Error('@Timed/@Counted apply to methods only');
    Reflect.defineMetadata(INSTRUMENTED_METHOD, [...instrumentationsOf(method), entry], method);
    return descriptor;
  };
}

/**
 * Times every call of a provider method into the histogram (sync or async, success and failure).
 * The method is wrapped on the instance when the app starts (nothing happens with metrics off).
 */
export const Timed = <Self = never>(
  definition: HistogramDefinition,
  options: InstrumentationOptions<Self> = {},
): MethodDecorator => instrument({ kind: 'timed', definition, labels: options.labels });

/** Counts every call of a provider method (success and failure, via an `outcome` label if defined). */
export const Counted = <Self = never>(
  definition: CounterDefinition,
  options: InstrumentationOptions<Self> = {},
): MethodDecorator => instrument({ kind: 'counted', definition, labels: options.labels });

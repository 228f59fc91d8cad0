/** DI token of the prom-client `Registry` every metric of the app is registered in. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
/** DI token of the resolved `MetricsModuleOptions`. */
export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
/** Metadata key set by `@Timed` / `@Counted` on a method. */
export const INSTRUMENTED_METHOD = Symbol('INSTRUMENTED_METHOD');
/** The single `endpoint` label value every unmatched path collapses to. */
export const UNMATCHED_ENDPOINT = '<unmatched>';

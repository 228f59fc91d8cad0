import { Registry } from 'prom-client';

interface MetricFamilySource {
  get(): Promise<{ name: string }>;
}

/** prom-client renders one family with this (untyped) method; we reuse it rather than fork it. */
interface FamilyRenderer {
  getMetricsAsString(metric: MetricFamilySource): Promise<string>;
}

const OpenMetricsRegistry = Registry as unknown as new (contentType: string) => FamilyRenderer;
const OPENMETRICS_VIEW = new OpenMetricsRegistry(Registry.OPENMETRICS_CONTENT_TYPE);

/**
 * Renders a registry in OpenMetrics format without touching its metrics: prom-client's own
 * OpenMetrics rendering renames counters in place (drops `_total`), which would corrupt every
 * later Prometheus-text scrape of the same metric objects.
 */
export async function renderOpenMetrics(registry: Registry): Promise<string> {
  const families = await Promise.all(
    registry
      .getMetricsAsArray()
      .map((metric) =>
        OPENMETRICS_VIEW.getMetricsAsString(
          counterView(metric as unknown as MetricFamilySource & { type: string }),
        ),
      ),
  );
  return `${families.join('\n')}\n# EOF\n`;
}

function counterView(source: MetricFamilySource & { type: string }): MetricFamilySource {
  if (source.type !== 'counter') return source;
  return {
    get: async () => {
      const family = await source.get();
      return { ...family, name: family.name.replace(/_total$/, '') };
    },
  };
}

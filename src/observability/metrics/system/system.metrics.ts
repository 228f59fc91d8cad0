import { defineGauge } from '../metric-definition';

export const SYSTEM_UPTIME_SECONDS = defineGauge({
  name: 'system_uptime_seconds',
  help: 'Seconds since this process started.',
});

export const SYSTEM_MEMORY_USAGE_BYTES = defineGauge({
  name: 'system_memory_usage_bytes',
  help: 'Process memory by type (rss, heap_total, heap_used, external, array_buffers).',
  labelNames: ['type'],
});

export const SYSTEM_CPU_USAGE_PERCENT = defineGauge({
  name: 'system_cpu_usage_percent',
  help: 'Process CPU use since the previous scrape, in percent of all cores (0-100).',
});

export const SYSTEM_DISK_USAGE_BYTES = defineGauge({
  name: 'system_disk_usage_bytes',
  help: 'File system holding the data directory, by type (total, used, free).',
  labelNames: ['type'],
});

export const APP_INFO = defineGauge({
  name: 'app_info',
  help: 'Always 1; labels carry the application name and version and the Node.js version.',
  labelNames: ['app', 'version', 'node_version'],
});

export const SYSTEM_METRICS = [
  SYSTEM_UPTIME_SECONDS,
  SYSTEM_MEMORY_USAGE_BYTES,
  SYSTEM_CPU_USAGE_PERCENT,
  SYSTEM_DISK_USAGE_BYTES,
  APP_INFO,
] as const;

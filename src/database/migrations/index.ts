import { ServiceRuns1764067200000 } from './1764067200000-service-runs';

/** Every migration, in order; listed explicitly so the app, the CLI and tests run the same set. */
export const migrations = [ServiceRuns1764067200000];

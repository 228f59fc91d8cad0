import { ServiceRun } from '../service-runs/service-run.entity';

/** Every entity of the app. */
export const entities = [ServiceRun];

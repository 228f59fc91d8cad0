import { DecisionEntity } from '../evaluation/decision.entity';
import { ServiceRun } from '../service-runs/service-run.entity';
import { SignalEntity } from '../strategies/signal.entity';
import { StrategySettingEntity } from '../strategies/strategy-setting.entity';

/** Every entity of the app. */
export const entities = [ServiceRun, SignalEntity, StrategySettingEntity, DecisionEntity];

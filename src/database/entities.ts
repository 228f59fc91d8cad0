import { DecisionEntity } from '../evaluation/decision.entity';
import { FillEntity } from '../execution/fill.entity';
import { OrderEventEntity } from '../execution/order-event.entity';
import { OrderEntity } from '../execution/order.entity';
import { AccountEntity } from '../portfolio/account.entity';
import { CashLedgerEntity } from '../portfolio/cash-ledger.entity';
import { ClosedTradeEntity } from '../portfolio/closed-trade.entity';
import { EquitySnapshotEntity } from '../portfolio/equity-snapshot.entity';
import { PositionEntity } from '../portfolio/position.entity';
import { ComplianceEventEntity } from '../risk/compliance/compliance-event.entity';
import { RiskEventEntity } from '../risk/risk-event.entity';
import { RiskSettingsEntity } from '../risk/risk-settings.entity';
import { ServiceRun } from '../service-runs/service-run.entity';
import { SignalEntity } from '../strategies/signal.entity';
import { StrategySettingEntity } from '../strategies/strategy-setting.entity';

/** Every entity of the app. */
export const entities = [
  ServiceRun,
  SignalEntity,
  StrategySettingEntity,
  DecisionEntity,
  OrderEntity,
  OrderEventEntity,
  FillEntity,
  PositionEntity,
  AccountEntity,
  CashLedgerEntity,
  ClosedTradeEntity,
  RiskEventEntity,
  RiskSettingsEntity,
  EquitySnapshotEntity,
  ComplianceEventEntity,
];

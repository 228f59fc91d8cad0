import { ServiceRuns1764067200000 } from './1764067200000-service-runs';
import { SignalsDecisions1764070800000 } from './1764070800000-signals-decisions';
import { OrdersPortfolioRisk1764074400000 } from './1764074400000-orders-portfolio-risk';
import { EquityCompliance1764078000000 } from './1764078000000-equity-compliance';
import { OpenOrdersIndex1764081600000 } from './1764081600000-open-orders-index';
import { ComplianceFillLog1764088800000 } from './1764088800000-compliance-fill-log';
import { RecentFirstIndexes1764096000000 } from './1764096000000-recent-first-indexes';

/** Every migration, in order; listed explicitly so the app, the CLI and tests run the same set. */
export const migrations = [
  ServiceRuns1764067200000,
  SignalsDecisions1764070800000,
  OrdersPortfolioRisk1764074400000,
  EquityCompliance1764078000000,
  OpenOrdersIndex1764081600000,
  ComplianceFillLog1764088800000,
  RecentFirstIndexes1764096000000,
];

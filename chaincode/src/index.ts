import { ConsentContract } from './consent/consent-contract';
import { HistoryContract } from './history/history-contract';
import { ProductionContract } from './production/production-contract';
import { ProfileContract } from './profile/profile-contract';
import { ReconciliationContract } from './reconciliation/reconciliation-contract';
import { RegistryContract } from './registry/registry-contract';
import { SystemContract } from './system/system-contract';
import { TradeTransactions } from './trade/trade-transactions';
import './registry/registry-metadata';
import './production/production-metadata';
import './consent/consent-metadata';
import './profile/profile-metadata';

export {
  ConsentContract,
  HistoryContract,
  ProductionContract,
  ProfileContract,
  ReconciliationContract,
  RegistryContract,
  SystemContract,
  TradeTransactions,
};

export type { ErrorCode } from './errors';
export type { ProductionInput, ProductionRecord, ProductionRecordRef } from './production/production-record';

/** Every contract of the chaincode; fabric-shim starts them from `main` in package.json. */
export const contracts: unknown[] = [
  SystemContract,
  RegistryContract,
  ProductionContract,
  HistoryContract,
  ConsentContract,
  ProfileContract,
  TradeTransactions,
  ReconciliationContract,
];

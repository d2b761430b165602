import type { LedgerDirectory } from '../ledger/ledger';
import { ConsentService } from './consent-service';
import { ContractService } from './contract-service';
import { CreditProfileService } from './credit-profile-service';
import { DeliveryService } from './delivery-service';
import { DeviceService } from './device-service';
import { EnterpriseService } from './enterprise-service';
import { HistoryService } from './history-service';
import { InvoiceService } from './invoice-service';
import { ProductionService } from './production-service';
import { ReceivableService } from './receivable-service';
import { ReconciliationService } from './reconciliation-service';
import { SampleVerificationService, type SamplesDigester } from './sample-verification-service';

/** Every service the HTTP routes call. */
export interface Services {
  readonly enterprises: EnterpriseService;
  readonly devices: DeviceService;
  readonly production: ProductionService;
  readonly creditProfiles: CreditProfileService;
  readonly consents: ConsentService;
  readonly contracts: ContractService;
  readonly deliveries: DeliveryService;
  readonly invoices: InvoiceService;
  readonly receivables: ReceivableService;
  readonly reconciliations: ReconciliationService;
  readonly history: HistoryService;
  readonly sampleVerification: SampleVerificationService;
}

/** Options of {@link newServices}. */
export type ServicesOptions = Readonly<{
  /** The gateway agent's samples digest. */
  samplesDigest: SamplesDigester;
  now?: () => Date;
}>;

/** Builds the services over the ledger facades of the configured identities. */
export function newServices(ledgers: LedgerDirectory, options: ServicesOptions): Services {
  const now = options.now ?? (() => new Date());
  return {
    enterprises: new EnterpriseService(ledgers),
    devices: new DeviceService(ledgers),
    production: new ProductionService(ledgers),
    creditProfiles: new CreditProfileService(ledgers, now),
    consents: new ConsentService(ledgers),
    contracts: new ContractService(ledgers),
    deliveries: new DeliveryService(ledgers),
    invoices: new InvoiceService(ledgers),
    receivables: new ReceivableService(ledgers),
    reconciliations: new ReconciliationService(ledgers),
    history: new HistoryService(ledgers),
    sampleVerification: new SampleVerificationService(ledgers, options.samplesDigest),
  };
}

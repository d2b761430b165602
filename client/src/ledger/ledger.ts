import type { ConsentGrant, ConsentScope } from '../domain/consent';
import type { CreditProfile, CreditWindowDays } from '../domain/credit-profile';
import type { DailySummary } from '../domain/daily-summary';
import type { Delivery, Receipt, Shipment } from '../domain/delivery';
import type { Device, DeviceRegistration } from '../domain/device';
import type { Enterprise, EnterpriseRole, IdentityBinding, WhoAmI } from '../domain/enterprise';
import type { HistoryEntry, RecordType } from '../domain/history';
import type { FinancingTerms, Receivable, SplitPart } from '../domain/receivable';
import type { Invoice, InvoiceIssue, Settlement } from '../domain/invoice';
import type { Page, PageRequest } from '../domain/page';
import type {
  ProductionKey,
  ProductionRecord,
  ProductionRecordInput,
  SubmitRecordsResult,
} from '../domain/production-record';
import type { Reconciliation, ReconciliationOpening, StatementLine } from '../domain/reconciliation';
import type { ContractProposal, DocumentVerification, TradeContract } from '../domain/trade-contract';

/** The result of a transaction committed to the ledger, with its transaction id. */
export interface Submitted<T> {
  readonly transactionId: string;
  readonly result: T;
}

/** An enterprise registration as the chaincode takes it. */
export interface EnterpriseRecordInput {
  readonly id: string;
  readonly name: string;
  readonly role: EnterpriseRole;
  readonly mspId: string;
}

/** A device registration as the chaincode takes it. */
export type DeviceRecordInput = DeviceRegistration & { readonly enterpriseId: string };

/** Time range `[from, to)` of a production query. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/**
 * The chaincode's transactions as typed methods, for one Fabric identity. Submits wait for the
 * commit and return the transaction id; failures are {@link LedgerError}s.
 */
export interface Ledger {
  whoAmI(): Promise<WhoAmI>;
  ping(): Promise<unknown>;

  registerEnterprise(enterprise: EnterpriseRecordInput): Promise<Submitted<Enterprise>>;
  getEnterprise(id: string): Promise<Enterprise>;
  listEnterprises(page: PageRequest): Promise<Page<Enterprise>>;
  bindIdentity(enterpriseId: string, identityId: string): Promise<Submitted<IdentityBinding>>;
  registerDevice(device: DeviceRecordInput): Promise<Submitted<Device>>;
  getDevice(enterpriseId: string, deviceId: string): Promise<Device>;
  listDevices(enterpriseId: string, page: PageRequest): Promise<Page<Device>>;

  submitRecords(records: readonly ProductionRecordInput[]): Promise<Submitted<SubmitRecordsResult>>;
  getRecord(key: ProductionKey): Promise<ProductionRecord>;
  queryByDevice(
    enterpriseId: string,
    deviceId: string,
    range: TimeRange,
    page: PageRequest,
  ): Promise<Page<ProductionRecord>>;
  queryByEnterprise(enterpriseId: string, range: TimeRange, page: PageRequest): Promise<Page<ProductionRecord>>;
  getDailySummaries(enterpriseId: string, fromDay: string, toDay: string): Promise<DailySummary[]>;

  getHistory(recordType: RecordType, keyParts: readonly string[]): Promise<HistoryEntry[]>;

  grantConsent(bankId: string, scopes: readonly ConsentScope[], expiresAt: string): Promise<Submitted<ConsentGrant>>;
  revokeConsent(bankId: string): Promise<Submitted<ConsentGrant>>;
  getConsent(smeId: string, bankId: string): Promise<ConsentGrant>;
  listConsents(smeId: string): Promise<ConsentGrant[]>;

  getCreditProfile(enterpriseId: string, windowDays: CreditWindowDays, asOf: string): Promise<CreditProfile>;

  proposeContract(contract: ContractProposal): Promise<Submitted<TradeContract>>;
  confirmContract(id: string): Promise<Submitted<TradeContract>>;
  rejectContract(id: string, reason: string): Promise<Submitted<TradeContract>>;
  cancelContract(id: string, reason: string): Promise<Submitted<TradeContract>>;
  getContract(id: string): Promise<TradeContract>;
  verifyDocument(documentHash: string): Promise<DocumentVerification>;

  shipDelivery(delivery: Shipment): Promise<Submitted<Delivery>>;
  receiveDelivery(id: string, receipt: Receipt): Promise<Submitted<Delivery>>;
  getDelivery(id: string): Promise<Delivery>;

  issueInvoice(invoice: InvoiceIssue): Promise<Submitted<Invoice>>;
  acknowledgeInvoice(id: string): Promise<Submitted<Invoice>>;
  getInvoice(id: string): Promise<Invoice>;
  settleInvoice(id: string, settlement: Settlement): Promise<Submitted<Invoice>>;

  getReceivable(id: string): Promise<Receivable>;
  listReceivables(invoiceId: string): Promise<Receivable[]>;
  financeReceivable(id: string, terms: FinancingTerms): Promise<Submitted<Receivable>>;
  splitReceivable(id: string, parts: readonly SplitPart[]): Promise<Submitted<Receivable[]>>;
  transferReceivable(id: string, toEnterpriseId: string): Promise<Submitted<Receivable>>;

  openReconciliation(opening: ReconciliationOpening): Promise<Submitted<Reconciliation>>;
  submitStatement(id: string, lines: readonly StatementLine[]): Promise<Submitted<Reconciliation>>;
  getReconciliation(id: string): Promise<Reconciliation>;
}

/** The ledger facade of each configured Fabric identity, by identity name. */
export interface LedgerDirectory {
  /** The facade acting as the named identity; throws when the name is not configured. */
  forIdentity(identity: string): Ledger;
}

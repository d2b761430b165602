import type { ConsentScope } from '../../domain/consent';
import type { CreditWindowDays } from '../../domain/credit-profile';
import type { Receipt, Shipment } from '../../domain/delivery';
import type { RecordType } from '../../domain/history';
import type { InvoiceIssue, Settlement } from '../../domain/invoice';
import type { Page, PageRequest } from '../../domain/page';
import type { ProductionKey, ProductionRecordInput } from '../../domain/production-record';
import type { FinancingTerms, SplitPart } from '../../domain/receivable';
import type { ReconciliationOpening, StatementLine } from '../../domain/reconciliation';
import type { ContractProposal } from '../../domain/trade-contract';
import type {
  DeviceRecordInput,
  EnterpriseRecordInput,
  Ledger,
  LedgerDirectory,
  Submitted,
  TimeRange,
} from '../ledger';
import { FAKE_TX_TIME, sampleRecords as r } from './sample-records';

/** A method of the ledger facade. */
export type LedgerMethod = keyof Ledger;

/** One call the fake received. */
export interface RecordedCall {
  readonly identity: string;
  readonly method: LedgerMethod;
  readonly args: readonly unknown[];
}

type Answer<M extends LedgerMethod> = (...args: Parameters<Ledger[M]>) => Awaited<ReturnType<Ledger[M]>>;

function page<T>(records: T[]): Page<T> {
  return { records, bookmark: '', fetchedCount: records.length };
}

/**
 * An in-memory stand-in for the ledger facades of several identities: every call is recorded, answers
 * default to ledger-shaped records built from the arguments, and a test can replace the answer of any
 * method or make it throw (for example a {@link LedgerError}).
 */
export class FakeLedgerDirectory implements LedgerDirectory {
  readonly calls: RecordedCall[] = [];
  readonly #identities: ReadonlySet<string>;
  readonly #answers = new Map<LedgerMethod, (...args: never[]) => unknown>();
  #transactions = 0;

  constructor(identities: readonly string[]) {
    this.#identities = new Set(identities);
  }

  forIdentity(identity: string): Ledger {
    if (!this.#identities.has(identity)) throw new Error(`no Fabric identity named ${identity} is configured`);
    return new FakeLedger(this, identity);
  }

  /** Replaces the answer of a method for every later call. */
  answer<M extends LedgerMethod>(method: M, answer: Answer<M>): this {
    this.#answers.set(method, answer);
    return this;
  }

  /** Makes every later call of a method throw `error`. */
  fail(method: LedgerMethod, error: unknown): this {
    this.#answers.set(method, () => {
      throw error;
    });
    return this;
  }

  /** The calls of one method, oldest first. */
  callsOf(method: LedgerMethod): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** @internal Records a call and answers it. */
  async invoke<T>(identity: string, method: LedgerMethod, args: unknown[], fallback: () => T): Promise<T> {
    this.calls.push({ identity, method, args });
    await Promise.resolve();
    const answer = this.#answers.get(method);
    return answer === undefined ? fallback() : (answer as (...a: unknown[]) => T)(...args);
  }

  /** @internal A new transaction id. */
  nextTransactionId(): string {
    this.#transactions += 1;
    return `tx-${this.#transactions}`;
  }
}

class FakeLedger implements Ledger {
  readonly #dir: FakeLedgerDirectory;
  readonly #identity: string;

  constructor(dir: FakeLedgerDirectory, identity: string) {
    this.#dir = dir;
    this.#identity = identity;
  }

  #read<T>(method: LedgerMethod, args: unknown[], fallback: () => T): Promise<T> {
    return this.#dir.invoke(this.#identity, method, args, fallback);
  }

  #write<T>(method: LedgerMethod, args: unknown[], fallback: () => T): Promise<Submitted<T>> {
    return this.#dir.invoke(this.#identity, method, args, () => ({
      transactionId: this.#dir.nextTransactionId(),
      result: fallback(),
    }));
  }

  whoAmI() {
    return this.#read('whoAmI', [], () => ({
      identityId: `x509::CN=${this.#identity}::CN=ca.example`,
      mspId: 'FactoryOrgMSP',
    }));
  }

  ping() {
    return this.#read('ping', [], () => ({ channel: 'scf', txTimestamp: FAKE_TX_TIME }));
  }

  registerEnterprise(e: EnterpriseRecordInput) {
    return this.#write('registerEnterprise', [e], () => r.enterprise(e.id, { ...e }));
  }

  getEnterprise(id: string) {
    return this.#read('getEnterprise', [id], () => r.enterprise(id));
  }

  listEnterprises(p: PageRequest) {
    return this.#read('listEnterprises', [p], () => page([r.enterprise('sme-1'), r.enterprise('bank-1')]));
  }

  bindIdentity(enterpriseId: string, identityId: string) {
    return this.#write('bindIdentity', [enterpriseId, identityId], () => ({
      identityId,
      enterpriseId,
      mspId: 'FactoryOrgMSP',
      boundAt: FAKE_TX_TIME,
      boundBy: 'x509::CN=User1::CN=ca',
    }));
  }

  registerDevice(d: DeviceRecordInput) {
    return this.#write('registerDevice', [d], () => r.device(d.enterpriseId, d.id, { ...d }));
  }

  getDevice(enterpriseId: string, deviceId: string) {
    return this.#read('getDevice', [enterpriseId, deviceId], () => r.device(enterpriseId, deviceId));
  }

  listDevices(enterpriseId: string, p: PageRequest) {
    return this.#read('listDevices', [enterpriseId, p], () => page([r.device(enterpriseId, 'press-1')]));
  }

  submitRecords(records: readonly ProductionRecordInput[]) {
    return this.#write('submitRecords', [records], () => ({
      written: records.length,
      unchanged: 0,
      keys: records.map((x) => ({ enterpriseId: x.enterpriseId, deviceId: x.deviceId, periodStart: x.periodStart })),
    }));
  }

  getRecord(key: ProductionKey) {
    return this.#read('getRecord', [key], () => r.productionRecord(key));
  }

  queryByDevice(enterpriseId: string, deviceId: string, range: TimeRange, p: PageRequest) {
    return this.#read('queryByDevice', [enterpriseId, deviceId, range, p], () =>
      page([r.productionRecord({ enterpriseId, deviceId, periodStart: range.from })]),
    );
  }

  queryByEnterprise(enterpriseId: string, range: TimeRange, p: PageRequest) {
    return this.#read('queryByEnterprise', [enterpriseId, range, p], () =>
      page([r.productionRecord({ enterpriseId, deviceId: 'press-1', periodStart: range.from })]),
    );
  }

  getDailySummaries(enterpriseId: string, fromDay: string, toDay: string) {
    return this.#read('getDailySummaries', [enterpriseId, fromDay, toDay], () => [
      r.dailySummary(enterpriseId, 'press-1', fromDay),
    ]);
  }

  getHistory(recordType: RecordType, keyParts: readonly string[]) {
    return this.#read('getHistory', [recordType, keyParts], () => [
      { txId: 'tx-history-1', timestamp: FAKE_TX_TIME, isDelete: false, value: { keyParts } },
    ]);
  }

  grantConsent(bankId: string, scopes: readonly ConsentScope[], expiresAt: string) {
    return this.#write('grantConsent', [bankId, scopes, expiresAt], () =>
      r.consent('sme-1', bankId, { scopes: [...scopes], expiresAt }),
    );
  }

  revokeConsent(bankId: string) {
    return this.#write('revokeConsent', [bankId], () => r.consent('sme-1', bankId, { revokedAt: FAKE_TX_TIME }));
  }

  getConsent(smeId: string, bankId: string) {
    return this.#read('getConsent', [smeId, bankId], () => r.consent(smeId, bankId));
  }

  listConsents(smeId: string) {
    return this.#read('listConsents', [smeId], () => [r.consent(smeId, 'bank-1')]);
  }

  getCreditProfile(enterpriseId: string, windowDays: CreditWindowDays, asOf: string) {
    return this.#read('getCreditProfile', [enterpriseId, windowDays, asOf], () =>
      r.creditProfile(enterpriseId, windowDays, asOf),
    );
  }

  proposeContract(c: ContractProposal) {
    return this.#write('proposeContract', [c], () => r.contract(c.id, { ...c }));
  }

  confirmContract(id: string) {
    return this.#write('confirmContract', [id], () =>
      r.contract(id, { status: 'CONFIRMED', confirmedAt: FAKE_TX_TIME }),
    );
  }

  rejectContract(id: string, reason: string) {
    return this.#write('rejectContract', [id, reason], () =>
      r.contract(id, { status: 'REJECTED', rejectReason: reason }),
    );
  }

  cancelContract(id: string, reason: string) {
    return this.#write('cancelContract', [id, reason], () => r.contract(id, { status: 'CANCELLED' }));
  }

  getContract(id: string) {
    return this.#read('getContract', [id], () => r.contract(id));
  }

  verifyDocument(documentHash: string) {
    return this.#read('verifyDocument', [documentHash], () => ({ documentHash, found: false, bothConfirmed: false }));
  }

  shipDelivery(d: Shipment) {
    return this.#write('shipDelivery', [d], () => r.delivery(d.id, { contractId: d.contractId, qty: d.qty }));
  }

  receiveDelivery(id: string, receipt: Receipt) {
    return this.#write('receiveDelivery', [id, receipt], () => r.delivery(id, { status: 'RECEIVED', ...receipt }));
  }

  getDelivery(id: string) {
    return this.#read('getDelivery', [id], () => r.delivery(id));
  }

  issueInvoice(i: InvoiceIssue) {
    return this.#write('issueInvoice', [i], () => r.invoice(i.id, { ...i }));
  }

  acknowledgeInvoice(id: string) {
    return this.#write('acknowledgeInvoice', [id], () => r.invoice(id, { status: 'ACKNOWLEDGED' }));
  }

  getInvoice(id: string) {
    return this.#read('getInvoice', [id], () => r.invoice(id));
  }

  settleInvoice(id: string, s: Settlement) {
    return this.#write('settleInvoice', [id, s], () => r.invoice(id, { status: 'SETTLED', ...s }));
  }

  getReceivable(id: string) {
    return this.#read('getReceivable', [id], () => r.receivable(id));
  }

  listReceivables(invoiceId: string) {
    return this.#read('listReceivables', [invoiceId], () => [r.receivable(invoiceId)]);
  }

  financeReceivable(id: string, terms: FinancingTerms) {
    return this.#write('financeReceivable', [id, terms], () =>
      r.receivable(id, { status: 'FINANCED', financedBy: 'bank-1', financedAt: FAKE_TX_TIME, ...terms }),
    );
  }

  splitReceivable(id: string, parts: readonly SplitPart[]) {
    return this.#write('splitReceivable', [id, parts], () =>
      parts.map((p) => r.receivable(p.id, { invoiceId: id, parentId: id, amount: p.amount })),
    );
  }

  transferReceivable(id: string, toEnterpriseId: string) {
    return this.#write('transferReceivable', [id, toEnterpriseId], () =>
      r.receivable(id, { holderId: toEnterpriseId }),
    );
  }

  openReconciliation(o: ReconciliationOpening) {
    return this.#write('openReconciliation', [o], () =>
      r.reconciliation(o.id, { period: o.period, parties: o.parties }),
    );
  }

  submitStatement(id: string, lines: readonly StatementLine[]) {
    return this.#write('submitStatement', [id, lines], () => r.reconciliation(id, { submitted: ['sme-1'] }));
  }

  getReconciliation(id: string) {
    return this.#read('getReconciliation', [id], () => r.reconciliation(id));
  }
}

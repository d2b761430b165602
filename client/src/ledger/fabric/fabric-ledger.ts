import { z } from 'zod';
import { consentGrantSchema, type ConsentScope } from '../../domain/consent';
import { creditProfileSchema, type CreditWindowDays } from '../../domain/credit-profile';
import { dailySummarySchema } from '../../domain/daily-summary';
import { deliverySchema, type Receipt, type Shipment } from '../../domain/delivery';
import { deviceSchema } from '../../domain/device';
import { enterpriseSchema, identityBindingSchema, whoAmISchema } from '../../domain/enterprise';
import { historyEntrySchema, type RecordType } from '../../domain/history';
import { invoiceSchema, type InvoiceIssue, type Settlement } from '../../domain/invoice';
import { pageSchema, type Page, type PageRequest } from '../../domain/page';
import {
  productionRecordSchema,
  submitRecordsResultSchema,
  type ProductionKey,
  type ProductionRecordInput,
} from '../../domain/production-record';
import { receivableSchema, type FinancingTerms, type SplitPart } from '../../domain/receivable';
import { reconciliationSchema, type ReconciliationOpening, type StatementLine } from '../../domain/reconciliation';
import { documentVerificationSchema, tradeContractSchema, type ContractProposal } from '../../domain/trade-contract';
import type { DeviceRecordInput, EnterpriseRecordInput, Ledger, Submitted, TimeRange } from '../ledger';
import { LedgerError, type LedgerStage } from '../ledger-error';
import type { TransactionRunner } from './transaction-runner';

const decoder = new TextDecoder();

// Built once: a zod schema compiles its parser on first use, so one made per call costs that on every call.
const enterprisePageSchema = pageSchema(enterpriseSchema);
const devicePageSchema = pageSchema(deviceSchema);
const productionPageSchema = pageSchema(productionRecordSchema);
const dailySummariesSchema = z.array(dailySummarySchema);
const historySchema = z.array(historyEntrySchema);
const consentGrantsSchema = z.array(consentGrantSchema);
const receivablesSchema = z.array(receivableSchema);
const pingSchema = z.unknown();

function pageArgs(page: PageRequest): string[] {
  return [page.pageSize === undefined ? '' : String(page.pageSize), page.bookmark ?? ''];
}

class FabricLedger implements Ledger {
  readonly #runner: TransactionRunner;

  constructor(runner: TransactionRunner) {
    this.#runner = runner;
  }

  #decode<S extends z.ZodType>(schema: S, bytes: Uint8Array, name: string, stage: LedgerStage, txId?: string) {
    const text = decoder.decode(bytes);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new LedgerError({
        failure: 'bad-response',
        stage,
        transactionName: name,
        transactionId: txId,
        message: `${name} returned a result that is not JSON`,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? issue.path.join('.') : '(result)';
      throw new LedgerError({
        failure: 'bad-response',
        stage,
        transactionName: name,
        transactionId: txId,
        message: `${name} returned a result that does not match the chaincode interface: ${field}: ${issue?.message ?? 'invalid'}`,
      });
    }
    return parsed.data;
  }

  async #evaluate<S extends z.ZodType>(schema: S, name: string, ...args: string[]): Promise<z.output<S>> {
    const bytes = await this.#runner.evaluate(name, args);
    return this.#decode(schema, bytes, name, 'evaluate');
  }

  async #submit<S extends z.ZodType>(schema: S, name: string, ...args: string[]): Promise<Submitted<z.output<S>>> {
    const { transactionId, result } = await this.#runner.submit(name, args);
    return { transactionId, result: this.#decode(schema, result, name, 'commit', transactionId) };
  }

  whoAmI() {
    return this.#evaluate(whoAmISchema, 'registry:WhoAmI');
  }

  ping() {
    return this.#evaluate(pingSchema, 'system:Ping');
  }

  registerEnterprise(enterprise: EnterpriseRecordInput) {
    return this.#submit(enterpriseSchema, 'registry:RegisterEnterprise', JSON.stringify(enterprise));
  }

  getEnterprise(id: string) {
    return this.#evaluate(enterpriseSchema, 'registry:GetEnterprise', id);
  }

  listEnterprises(page: PageRequest): Promise<Page<z.infer<typeof enterpriseSchema>>> {
    return this.#evaluate(enterprisePageSchema, 'registry:ListEnterprises', ...pageArgs(page));
  }

  bindIdentity(enterpriseId: string, identityId: string) {
    return this.#submit(identityBindingSchema, 'registry:BindIdentity', enterpriseId, identityId);
  }

  registerDevice(device: DeviceRecordInput) {
    return this.#submit(deviceSchema, 'registry:RegisterDevice', JSON.stringify(device));
  }

  getDevice(enterpriseId: string, deviceId: string) {
    return this.#evaluate(deviceSchema, 'registry:GetDevice', enterpriseId, deviceId);
  }

  listDevices(enterpriseId: string, page: PageRequest) {
    return this.#evaluate(devicePageSchema, 'registry:ListDevices', enterpriseId, ...pageArgs(page));
  }

  submitRecords(records: readonly ProductionRecordInput[]) {
    return this.#submit(submitRecordsResultSchema, 'production:SubmitRecords', JSON.stringify(records));
  }

  getRecord(key: ProductionKey) {
    return this.#evaluate(
      productionRecordSchema,
      'production:GetRecord',
      key.enterpriseId,
      key.deviceId,
      key.periodStart,
    );
  }

  queryByDevice(enterpriseId: string, deviceId: string, range: TimeRange, page: PageRequest) {
    return this.#evaluate(
      productionPageSchema,
      'production:QueryByDevice',
      enterpriseId,
      deviceId,
      range.from,
      range.to,
      ...pageArgs(page),
    );
  }

  queryByEnterprise(enterpriseId: string, range: TimeRange, page: PageRequest) {
    return this.#evaluate(
      productionPageSchema,
      'production:QueryByEnterprise',
      enterpriseId,
      range.from,
      range.to,
      ...pageArgs(page),
    );
  }

  getDailySummaries(enterpriseId: string, fromDay: string, toDay: string) {
    return this.#evaluate(dailySummariesSchema, 'production:GetDailySummaries', enterpriseId, fromDay, toDay);
  }

  getHistory(recordType: RecordType, keyParts: readonly string[]) {
    return this.#evaluate(historySchema, 'history:GetHistory', recordType, JSON.stringify(keyParts));
  }

  grantConsent(bankId: string, scopes: readonly ConsentScope[], expiresAt: string) {
    return this.#submit(consentGrantSchema, 'consent:GrantConsent', bankId, JSON.stringify(scopes), expiresAt);
  }

  revokeConsent(bankId: string) {
    return this.#submit(consentGrantSchema, 'consent:RevokeConsent', bankId);
  }

  getConsent(smeId: string, bankId: string) {
    return this.#evaluate(consentGrantSchema, 'consent:GetConsent', smeId, bankId);
  }

  listConsents(smeId: string) {
    return this.#evaluate(consentGrantsSchema, 'consent:ListConsents', smeId);
  }

  getCreditProfile(enterpriseId: string, windowDays: CreditWindowDays, asOf: string) {
    return this.#evaluate(creditProfileSchema, 'profile:GetCreditProfile', enterpriseId, windowDays, asOf);
  }

  proposeContract(contract: ContractProposal) {
    return this.#submit(tradeContractSchema, 'trade:ProposeContract', JSON.stringify(contract));
  }

  confirmContract(id: string) {
    return this.#submit(tradeContractSchema, 'trade:ConfirmContract', id);
  }

  rejectContract(id: string, reason: string) {
    return this.#submit(tradeContractSchema, 'trade:RejectContract', id, reason);
  }

  cancelContract(id: string, reason: string) {
    return this.#submit(tradeContractSchema, 'trade:CancelContract', id, reason);
  }

  getContract(id: string) {
    return this.#evaluate(tradeContractSchema, 'trade:GetContract', id);
  }

  verifyDocument(documentHash: string) {
    return this.#evaluate(documentVerificationSchema, 'trade:VerifyDocument', documentHash);
  }

  shipDelivery(delivery: Shipment) {
    return this.#submit(deliverySchema, 'trade:ShipDelivery', JSON.stringify(delivery));
  }

  receiveDelivery(id: string, receipt: Receipt) {
    return this.#submit(deliverySchema, 'trade:ReceiveDelivery', id, String(receipt.receivedQty), receipt.receivedAt);
  }

  getDelivery(id: string) {
    return this.#evaluate(deliverySchema, 'trade:GetDelivery', id);
  }

  issueInvoice(invoice: InvoiceIssue) {
    return this.#submit(invoiceSchema, 'trade:IssueInvoice', JSON.stringify(invoice));
  }

  acknowledgeInvoice(id: string) {
    return this.#submit(invoiceSchema, 'trade:AcknowledgeInvoice', id);
  }

  getInvoice(id: string) {
    return this.#evaluate(invoiceSchema, 'trade:GetInvoice', id);
  }

  settleInvoice(id: string, settlement: Settlement) {
    return this.#submit(invoiceSchema, 'trade:SettleInvoice', id, settlement.paidAt, settlement.paymentRef);
  }

  getReceivable(id: string) {
    return this.#evaluate(receivableSchema, 'trade:GetReceivable', id);
  }

  listReceivables(invoiceId: string) {
    return this.#evaluate(receivablesSchema, 'trade:ListReceivables', invoiceId);
  }

  financeReceivable(id: string, terms: FinancingTerms) {
    return this.#submit(receivableSchema, 'trade:FinanceReceivable', id, JSON.stringify(terms));
  }

  splitReceivable(id: string, parts: readonly SplitPart[]) {
    return this.#submit(receivablesSchema, 'trade:SplitReceivable', id, JSON.stringify(parts));
  }

  transferReceivable(id: string, toEnterpriseId: string) {
    return this.#submit(receivableSchema, 'trade:TransferReceivable', id, toEnterpriseId);
  }

  openReconciliation(opening: ReconciliationOpening) {
    return this.#submit(
      reconciliationSchema,
      'reconciliation:OpenReconciliation',
      opening.id,
      JSON.stringify(opening.period),
      JSON.stringify(opening.parties),
    );
  }

  submitStatement(id: string, lines: readonly StatementLine[]) {
    return this.#submit(reconciliationSchema, 'reconciliation:SubmitStatement', id, JSON.stringify(lines));
  }

  getReconciliation(id: string) {
    return this.#evaluate(reconciliationSchema, 'reconciliation:GetReconciliation', id);
  }
}

/** The typed chaincode facade over a transaction runner (one Fabric identity). */
export function newFabricLedger(runner: TransactionRunner): Ledger {
  return new FabricLedger(runner);
}

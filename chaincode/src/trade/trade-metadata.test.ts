import { JSONSerializer } from 'fabric-contract-api';
import { ReconciliationContract } from '../reconciliation/reconciliation-contract';
import { TradeTransactions } from './trade-transactions';

// fabric-shim builds (and validates) the contract metadata this way when the chaincode starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
  contracts: unknown[],
  serializers: unknown,
  metadata: unknown,
  title: string,
  version: string,
) => { metadata: Metadata };

interface Metadata {
  contracts: Record<string, { transactions: { name: string; tag: string[]; parameters?: { name: string }[] }[] }>;
  components: { schemas: Record<string, unknown> };
}

function metadata(): Metadata {
  const serializers = { serializers: { jsonSerializer: JSONSerializer }, transaction: 'jsonSerializer' };
  return new ChaincodeFromContract([TradeTransactions, ReconciliationContract], serializers, {}, 'scc', 'test')
    .metadata;
}

function signatures(contract: string): string[] {
  const md = metadata();
  return (md.contracts[contract]?.transactions ?? []).map(
    (t) =>
      `${t.tag.includes('submitTx') ? 'submit' : 'evaluate'} ${t.name}(${(t.parameters ?? []).map((p) => p.name).join(', ')})`,
  );
}

describe('trade and reconciliation metadata', () => {
  it('describes the trade transactions of API.md', () => {
    expect(signatures('trade')).toEqual([
      'submit ProposeContract(contractJson)',
      'submit ConfirmContract(id)',
      'submit RejectContract(id, reason)',
      'submit CancelContract(id, reason)',
      'evaluate GetContract(id)',
      'evaluate VerifyDocument(documentHash)',
      'submit ShipDelivery(deliveryJson)',
      'submit ReceiveDelivery(id, receivedQty, receivedAt)',
      'evaluate GetDelivery(id)',
      'submit IssueInvoice(invoiceJson)',
      'submit AcknowledgeInvoice(id)',
      'evaluate GetInvoice(id)',
      'evaluate GetReceivable(id)',
      'evaluate ListReceivables(invoiceId)',
      'submit FinanceReceivable(id, termsJson)',
      'submit SplitReceivable(id, partsJson)',
      'submit TransferReceivable(id, toEnterpriseId)',
      'submit SettleInvoice(id, paidAt, paymentRef)',
    ]);
  });

  it('describes the reconciliation transactions of API.md', () => {
    expect(signatures('reconciliation')).toEqual([
      'submit OpenReconciliation(id, periodJson, partiesJson)',
      'submit SubmitStatement(id, linesJson)',
      'evaluate GetReconciliation(id)',
    ]);
  });

  it('carries a schema for every trade and reconciliation record type', () => {
    const schemas = Object.keys(metadata().components.schemas);
    for (const name of [
      'TradeContract',
      'ContractLine',
      'Delivery',
      'EvidenceKey',
      'Invoice',
      'Receivable',
      'FinancingTerms',
      'Reconciliation',
      'StatementLine',
      'ResultLine',
      'ReconciliationResult',
    ]) {
      expect(schemas).toContain(name);
    }
  });
});

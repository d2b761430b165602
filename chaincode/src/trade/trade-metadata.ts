import { Object as DataType, Property } from 'fabric-contract-api';
import type { ContractLine as ContractLineData } from './contract-line';
import type { EvidenceKey as EvidenceKeyData } from './evidence-key';
import type { TradeContract as TradeContractData } from './trade-contract';
import type { Delivery as DeliveryData } from './delivery';
import type { Invoice as InvoiceData } from './invoice';
import type { Receivable as ReceivableData } from './receivable';
import type { FinancingTerms as FinancingTermsData } from './financing-terms';

// Schemas of the trade records in the contract metadata; the code works on the interfaces.

/** One line of a purchase order: a quantity of a stock-keeping unit at a unit price. */
@DataType()
export class ContractLine implements ContractLineData {
  @Property('sku', 'string')
  public sku: string = '';

  @Property('qty', 'number')
  public qty: number = 0;

  @Property('unitPrice', 'number')
  public unitPrice: number = 0;
}

/** The key of a production record offered as evidence that shipped goods were made. */
@DataType()
export class EvidenceKey implements EvidenceKeyData {
  @Property('enterpriseId', 'string')
  public enterpriseId: string = '';

  @Property('deviceId', 'string')
  public deviceId: string = '';

  @Property('periodStart', 'string')
  public periodStart: string = '';
}

/**
 * A purchase order between a buyer and a seller, proposed by one side and confirmed or
 * rejected by the other. Once confirmed its key needs the peers of both parties' orgs.
 */
@DataType()
export class TradeContract implements TradeContractData {
  @Property('id', 'string')
  public id: string = '';

  @Property('buyerId', 'string')
  public buyerId: string = '';

  @Property('sellerId', 'string')
  public sellerId: string = '';

  @Property('documentHash', 'string')
  public documentHash: string = '';

  @Property('lines', 'ContractLine[]')
  public lines: ContractLine[] = [];

  @Property('currency', 'string')
  public currency: string = '';

  @Property('deliveryDue', 'string')
  public deliveryDue: string = '';

  @Property('paymentTermsDays', 'number')
  public paymentTermsDays: number = 0;

  @Property('totalQty', 'number')
  public totalQty: number = 0;

  @Property('totalAmount', 'number')
  public totalAmount: number = 0;

  @Property('status', 'string')
  public status: TradeContractData['status'] = 'PROPOSED';

  @Property('proposedBy', 'string')
  public proposedBy: string = '';

  @Property('proposedAt', 'string')
  public proposedAt: string = '';

  @Property('confirmedBy', 'string')
  public confirmedBy?: string;

  @Property('confirmedAt', 'string')
  public confirmedAt?: string;

  @Property('rejectedBy', 'string')
  public rejectedBy?: string;

  @Property('rejectedAt', 'string')
  public rejectedAt?: string;

  @Property('rejectReason', 'string')
  public rejectReason?: string;

  @Property('cancelRequestedBy', 'string')
  public cancelRequestedBy?: string;

  @Property('cancelRequestedAt', 'string')
  public cancelRequestedAt?: string;

  @Property('cancelReason', 'string')
  public cancelReason?: string;

  @Property('cancelledBy', 'string')
  public cancelledBy?: string;

  @Property('cancelledAt', 'string')
  public cancelledAt?: string;

  @Property('shippedQty', 'number')
  public shippedQty: number = 0;

  @Property('receivedQty', 'number')
  public receivedQty: number = 0;

  @Property('invoicedAmount', 'number')
  public invoicedAmount: number = 0;
}

/** Goods shipped by the seller under a confirmed contract, backed by its production records. */
@DataType()
export class Delivery implements DeliveryData {
  @Property('id', 'string')
  public id: string = '';

  @Property('contractId', 'string')
  public contractId: string = '';

  @Property('qty', 'number')
  public qty: number = 0;

  @Property('shippedAt', 'string')
  public shippedAt: string = '';

  @Property('evidence', 'EvidenceKey[]')
  public evidence: EvidenceKey[] = [];

  @Property('status', 'string')
  public status: DeliveryData['status'] = 'SHIPPED';

  @Property('shippedBy', 'string')
  public shippedBy: string = '';

  @Property('recordedAt', 'string')
  public recordedAt: string = '';

  @Property('receivedQty', 'number')
  public receivedQty?: number;

  @Property('receivedAt', 'string')
  public receivedAt?: string;

  @Property('receivedBy', 'string')
  public receivedBy?: string;
}

/** An invoice of the seller to the buyer against goods received under a contract. */
@DataType()
export class Invoice implements InvoiceData {
  @Property('id', 'string')
  public id: string = '';

  @Property('contractId', 'string')
  public contractId: string = '';

  @Property('sellerId', 'string')
  public sellerId: string = '';

  @Property('buyerId', 'string')
  public buyerId: string = '';

  @Property('amount', 'number')
  public amount: number = 0;

  @Property('currency', 'string')
  public currency: string = '';

  @Property('dueDate', 'string')
  public dueDate: string = '';

  @Property('status', 'string')
  public status: InvoiceData['status'] = 'ISSUED';

  @Property('issuedBy', 'string')
  public issuedBy: string = '';

  @Property('issuedAt', 'string')
  public issuedAt: string = '';

  @Property('acknowledgedBy', 'string')
  public acknowledgedBy?: string;

  @Property('acknowledgedAt', 'string')
  public acknowledgedAt?: string;

  @Property('settledAt', 'string')
  public settledAt?: string;

  @Property('settledBy', 'string')
  public settledBy?: string;

  @Property('paymentRef', 'string')
  public paymentRef?: string;
}

/**
 * A buyer-acknowledged claim to be paid. The root has the invoice's id; splitting makes
 * parts (`children`) whose amounts sum to the parent's. The buyer pays each open part to its
 * financier when financed, else to its holder.
 */
@DataType()
export class Receivable implements ReceivableData {
  @Property('id', 'string')
  public id: string = '';

  @Property('invoiceId', 'string')
  public invoiceId: string = '';

  @Property('parentId', 'string')
  public parentId?: string;

  @Property('buyerId', 'string')
  public buyerId: string = '';

  @Property('holderId', 'string')
  public holderId: string = '';

  @Property('amount', 'number')
  public amount: number = 0;

  @Property('currency', 'string')
  public currency: string = '';

  @Property('dueDate', 'string')
  public dueDate: string = '';

  @Property('status', 'string')
  public status: ReceivableData['status'] = 'ACKNOWLEDGED';

  @Property('createdAt', 'string')
  public createdAt: string = '';

  @Property('financedBy', 'string')
  public financedBy?: string;

  @Property('financedAt', 'string')
  public financedAt?: string;

  @Property('advanceAmount', 'number')
  public advanceAmount?: number;

  @Property('ratePercent', 'number')
  public ratePercent?: number;

  @Property('transferredAt', 'string')
  public transferredAt?: string;

  @Property('settledAt', 'string')
  public settledAt?: string;

  @Property('paidTo', 'string')
  public paidTo?: string;

  @Property('children', 'string[]')
  public children?: string[];
}

/** What a bank pays in advance and at which rate when it finances a receivable. */
@DataType()
export class FinancingTerms implements FinancingTermsData {
  @Property('advanceAmount', 'number')
  public advanceAmount: number = 0;

  @Property('ratePercent', 'number')
  public ratePercent: number = 0;
}

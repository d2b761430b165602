/** Where a receivable (or a part of one) stands. */
export type ReceivableStatus = 'ACKNOWLEDGED' | 'FINANCED' | 'SPLIT' | 'SETTLED';

/**
 * A buyer-acknowledged claim to be paid. The root has the invoice's id; splitting makes
 * parts (`children`) whose amounts sum to the parent's. The buyer pays each open part to its
 * financier when financed, else to its holder.
 */
export interface Receivable {
  readonly id: string;
  readonly invoiceId: string;
  readonly parentId?: string;
  readonly buyerId: string;
  /** Enterprise that holds the claim (the seller, or the SME it was transferred to). */
  readonly holderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly dueDate: string;
  readonly status: ReceivableStatus;
  readonly createdAt: string;
  /** Enterprise ID of the bank that financed this part. */
  readonly financedBy?: string;
  readonly financedAt?: string;
  readonly advanceAmount?: number;
  readonly ratePercent?: number;
  readonly transferredAt?: string;
  readonly settledAt?: string;
  /** Enterprise ID that the settlement paid: the financier, else the holder. */
  readonly paidTo?: string;
  readonly children?: string[];
}

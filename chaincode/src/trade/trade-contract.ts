import type { ContractLine } from './contract-line';

/** Where a purchase order stands between its two parties. */
export type ContractStatus = 'PROPOSED' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

/**
 * A purchase order between a buyer and a seller, proposed by one side and confirmed or
 * rejected by the other. Once confirmed its key needs the peers of both parties' orgs.
 */
export interface TradeContract {
  readonly id: string;
  readonly buyerId: string;
  readonly sellerId: string;
  /** sha256 (64 lowercase hex) of the signed purchase order document. */
  readonly documentHash: string;
  readonly lines: ContractLine[];
  readonly currency: string;
  /** `YYYY-MM-DD` or a canonical time. */
  readonly deliveryDue: string;
  readonly paymentTermsDays: number;
  readonly totalQty: number;
  readonly totalAmount: number;
  readonly status: ContractStatus;
  /** Identity ID of the proposing identity. */
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly confirmedBy?: string;
  readonly confirmedAt?: string;
  readonly rejectedBy?: string;
  readonly rejectedAt?: string;
  readonly rejectReason?: string;
  /** Identity ID that asked for cancellation; the other party's identity completes it. */
  readonly cancelRequestedBy?: string;
  readonly cancelRequestedAt?: string;
  readonly cancelReason?: string;
  readonly cancelledBy?: string;
  readonly cancelledAt?: string;
  /** Units shipped so far over all deliveries; never above `totalQty`. */
  readonly shippedQty: number;
  /** Units the buyer confirmed as received. */
  readonly receivedQty: number;
  /** Sum of the amounts of the invoices issued against the contract. */
  readonly invoicedAmount: number;
}

import type { EvidenceKey } from './evidence-key';

/** Where a delivery stands. */
export type DeliveryStatus = 'SHIPPED' | 'RECEIVED';

/** Goods shipped by the seller under a confirmed contract, backed by its production records. */
export interface Delivery {
  readonly id: string;
  readonly contractId: string;
  readonly qty: number;
  readonly shippedAt: string;
  readonly evidence: EvidenceKey[];
  readonly status: DeliveryStatus;
  /** Identity ID of the seller's identity that shipped. */
  readonly shippedBy: string;
  /** Transaction time of the shipment. */
  readonly recordedAt: string;
  readonly receivedQty?: number;
  readonly receivedAt?: string;
  readonly receivedBy?: string;
}

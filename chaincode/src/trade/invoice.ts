/** Where an invoice stands: acknowledged by the buyer it is a receivable; settled it is closed. */
export type InvoiceStatus = 'ISSUED' | 'ACKNOWLEDGED' | 'FINANCED' | 'SETTLED';

/** An invoice of the seller to the buyer against goods received under a contract. */
export interface Invoice {
  readonly id: string;
  readonly contractId: string;
  readonly sellerId: string;
  readonly buyerId: string;
  readonly amount: number;
  readonly currency: string;
  /** `YYYY-MM-DD` or a canonical time. */
  readonly dueDate: string;
  readonly status: InvoiceStatus;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: string;
  /** When the buyer paid (`paidAt` of SettleInvoice). */
  readonly settledAt?: string;
  readonly settledBy?: string;
  readonly paymentRef?: string;
}

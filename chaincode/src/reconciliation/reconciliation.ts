/** What a statement line is about. */
export type LineKind = 'DELIVERY' | 'INVOICE' | 'PAYMENT';

/** Line kinds, in the order result lines are listed. */
export const LINE_KINDS: readonly LineKind[] = ['DELIVERY', 'INVOICE', 'PAYMENT'];

/** A quantity and/or an amount, as a party states it or as the ledger records it. */
export interface LineValues {
  readonly qty?: number;
  readonly amount?: number;
}

/** One line of a party's statement: a delivery, invoice or payment by its id (payments by reference). */
export interface StatementLine extends LineValues {
  readonly ref: string;
  readonly kind: LineKind;
}

/** How one line compares across the statements and the ledger. */
export type LineStatus = 'MATCHED' | 'MISMATCHED' | 'MISSING';

/** One line of the result. */
export interface ResultLine {
  readonly ref: string;
  readonly kind: LineKind;
  readonly status: LineStatus;
  /** Each party's values for the line; null for a party whose statement lacks it. */
  readonly values: Record<string, LineValues | null>;
  /** What the ledger records for the line, or null when it holds no such record between the parties. */
  readonly onChain: LineValues | null;
  /** Parties whose statements lack the line. */
  readonly missingFrom: string[];
  /** Why the line is not MATCHED. */
  readonly reason?: string;
}

/** The outcome of matching, written when the last party submits. */
export interface ReconciliationResult {
  readonly matched: number;
  readonly mismatched: number;
  readonly missing: number;
  readonly lines: ResultLine[];
}

/** The period a reconciliation covers: `[from, to)`. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** Where a reconciliation stands. */
export type ReconciliationStatus = 'OPEN' | 'COMPLETED';

/** Statements of the parties of a period, matched against each other and the ledger once all are in. */
export interface Reconciliation {
  readonly id: string;
  readonly period: Period;
  readonly parties: string[];
  /** Identity ID that opened it. */
  readonly openedBy: string;
  readonly openedAt: string;
  /** Parties that have submitted, in submission order. */
  readonly submitted: string[];
  readonly statements: Record<string, StatementLine[]>;
  readonly status: ReconciliationStatus;
  readonly completedAt?: string;
  readonly result?: ReconciliationResult;
}

/** What a bank pays in advance and at which rate when it finances a receivable. */
export interface FinancingTerms {
  readonly advanceAmount: number;
  readonly ratePercent: number;
}

/** One line of a purchase order: a quantity of a stock-keeping unit at a unit price. */
export interface ContractLine {
  readonly sku: string;
  /** Whole units, at least 1. */
  readonly qty: number;
  /** Money, at most 2 decimals, in the contract's currency. */
  readonly unitPrice: number;
}

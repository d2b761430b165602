/**
 * The value of `qty` units at the average unit price of `totalMinor` for `totalQty` units,
 * in minor units rounded down, computed exactly (no floating point on the product).
 */
export function proRataMinor(totalMinor: number, qty: number, totalQty: number): number {
  if (totalQty <= 0 || qty <= 0) return 0;
  return Number((BigInt(totalMinor) * BigInt(qty)) / BigInt(totalQty));
}

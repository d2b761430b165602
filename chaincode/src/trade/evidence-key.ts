/** The key of a production record offered as evidence that shipped goods were made. */
export interface EvidenceKey {
  readonly enterpriseId: string;
  readonly deviceId: string;
  /** Canonical time, as in the production record's key. */
  readonly periodStart: string;
}

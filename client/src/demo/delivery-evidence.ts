/** A production record's key and the figures the evidence choice needs. */
export interface EvidenceRecord {
  readonly enterpriseId: string;
  readonly deviceId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly unitsProduced: number;
}

/** The records chosen to back one delivery. */
export interface Evidence {
  readonly records: readonly EvidenceRecord[];
  /** Good parts in those records. */
  readonly units: number;
  /** True when they hold at least the delivered quantity. */
  readonly covers: boolean;
}

/** The chaincode takes at most this many evidence keys per delivery. */
export const MAX_EVIDENCE = 500;

/** The key of a record, as a string (for the set of records already used). */
export function evidenceKey(r: EvidenceRecord): string {
  return `${r.deviceId}|${r.periodStart}`;
}

/**
 * The production records that back a delivery of `qty` units shipped at `shippedAt`: the most recent
 * records that started by then, hold good parts and back no earlier delivery, taken newest first
 * until they hold `qty` parts (or 500 records). `used` is updated with the records taken.
 */
export function chooseEvidence(
  records: readonly EvidenceRecord[],
  shippedAt: string,
  qty: number,
  used: Set<string>,
): Evidence {
  const shipped = Date.parse(shippedAt);
  const candidates = records
    .filter((r) => Date.parse(r.periodStart) <= shipped && r.unitsProduced > 0 && !used.has(evidenceKey(r)))
    .sort((a, b) => Date.parse(b.periodStart) - Date.parse(a.periodStart));
  const chosen: EvidenceRecord[] = [];
  let units = 0;
  for (const r of candidates) {
    if (units >= qty || chosen.length >= MAX_EVIDENCE) break;
    chosen.push(r);
    units += r.unitsProduced;
  }
  if (chosen.length === 0) {
    const latest = records
      .filter((r) => Date.parse(r.periodStart) <= shipped)
      .sort((a, b) => Date.parse(b.periodStart) - Date.parse(a.periodStart))[0];
    if (latest) chosen.push(latest);
  }
  for (const r of chosen) used.add(evidenceKey(r));
  chosen.sort((a, b) => Date.parse(a.periodStart) - Date.parse(b.periodStart));
  return { records: chosen, units, covers: units >= qty };
}

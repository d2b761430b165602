import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LineTimeline } from './trade-timeline';

/** A purchase order document on disk and its sha256, the `documentHash` both parties confirm. */
export interface PoDocument {
  readonly file: string;
  readonly sha256: string;
  readonly sku: string;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Writes the purchase order as the parties would sign it (JSON with sorted keys) and hashes the
 * file's bytes: anyone holding the file can ask the ledger whether both sides confirmed it.
 */
export function writePoDocument(
  dir: string,
  contractId: string,
  buyer: Readonly<{ id: string; name: string }>,
  seller: Readonly<{ id: string; name: string }>,
  timeline: LineTimeline,
  paymentTermsDays: number,
): PoDocument {
  const { line } = timeline;
  const sku = `SCMS-${line.id}`;
  const document = {
    documentType: 'purchase-order',
    poNumber: contractId,
    orderDate: timeline.orderDate,
    buyer,
    seller,
    currency: 'USD',
    deliveryDue: timeline.deliveryDue,
    paymentTermsDays,
    incoterm: line.incoterm,
    shipmentMode: line.shipmentMode,
    destination: line.country,
    lines: [{ sku, description: line.item, productGroup: line.productGroup, qty: line.qty, unitPrice: line.packPrice }],
    total: line.value,
    source: {
      dataset: 'USAID SCMS Supply Chain Shipment Pricing Data',
      lineId: line.id,
      poSo: line.poNumber,
      asnDn: line.asnNumber,
      vendor: line.vendor,
      datesMovedByDays: timeline.shiftDays,
    },
  };
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${contractId}.json`);
  const bytes = `${JSON.stringify(sorted(document), null, 2)}\n`;
  fs.writeFileSync(file, bytes);
  return { file, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), sku };
}

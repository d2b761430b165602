import * as path from 'node:path';
import { chooseEvidence, type EvidenceRecord } from './delivery-evidence';
import type { DemoSession } from './demo-session';
import { money, n, table } from './narrator';
import { writePoDocument } from './po-document';
import type { ProductionWindow } from './replay-step';
import { readShipmentLines } from './shipment-lines';
import type { ContractOutcome } from './story-record';
import { liveTimeline, replayTimeline, type LineTimeline } from './trade-timeline';

/** The shipment lines of the story with their dates, in order of delivery. */
export function storyTimelines(session: DemoSession, window: ProductionWindow): LineTimeline[] {
  const { config } = session;
  const lines = readShipmentLines(path.resolve(config.dataDir, config.trade.file), config.trade.lines);
  const now = Date.now();
  return lines
    .map((line) =>
      session.story.mode === 'live'
        ? liveTimeline(line, now, config.trade.paymentTermsDays)
        : replayTimeline(line, window.start, config.trade.poDay, config.trade.paymentTermsDays),
    )
    .sort((a, b) => (a.delivered < b.delivered ? -1 : a.delivered > b.delivered ? 1 : a.line.id - b.line.id));
}

function shortItem(item: string): string {
  return item.length > 38 ? `${item.slice(0, 37)}…` : item;
}

/**
 * Step 8: one purchase order per shipment line, proposed by the SME and confirmed by the buyer; the
 * PO document's sha256 is what both confirm, and anyone holding the document can verify it.
 */
export async function purchaseOrderStep(session: DemoSession, timelines: readonly LineTimeline[]): Promise<void> {
  const { config, narrator, paths } = session;
  const api = session.api;
  const e = config.enterprises;
  const tag = session.story.runTag;
  const step = narrator.step('Purchase orders proposed by the SME, confirmed by the buyer', 'trade');
  const moved = [...new Set(timelines.map((t) => t.shiftDays))];
  step.line(
    session.story.mode === 'live'
      ? 'dates: each USAID SCMS line moved so that its delivery is today'
      : `dates: each USAID SCMS line moved by whole days so its PO date is day ${config.trade.poDay} of the replay (by ${moved.join(', ')} days); intervals as in the data`,
  );
  const rows: string[][] = [['PO', 'SCMS line', 'item', 'qty', 'unit price', 'total', 'ordered', 'due']];
  for (const t of timelines) {
    const contractId = `po-${t.line.id}-${tag}`;
    const doc = writePoDocument(paths.documents, contractId, e.buyer, e.factory, t, config.trade.paymentTermsDays);
    await api.factory.post('/contracts', {
      id: contractId,
      buyerId: e.buyer.id,
      sellerId: e.factory.id,
      documentHash: doc.sha256,
      lines: [{ sku: doc.sku, qty: t.line.qty, unitPrice: t.line.packPrice }],
      currency: 'USD',
      deliveryDue: t.deliveryDue,
      paymentTermsDays: config.trade.paymentTermsDays,
    });
    await api.buyer.post(`/contracts/${contractId}/confirm`);
    const verified = await api.bank.get<{ bothConfirmed: boolean; status: string }>('/contracts/verify', {
      documentHash: doc.sha256,
    });
    if (!verified.bothConfirmed) throw new Error(`${contractId}: the ledger does not show both confirmations`);
    rows.push([
      contractId,
      `${t.line.id} (${t.line.poNumber})`,
      shortItem(t.line.item),
      n(t.line.qty),
      money(t.line.packPrice),
      money(t.line.value),
      t.orderDate,
      t.deliveryDue,
    ]);
    session.story.contracts.push({
      lineId: t.line.id,
      contractId,
      documentFile: doc.file,
      documentHash: doc.sha256,
      sku: doc.sku,
      qty: t.line.qty,
      unitPrice: t.line.packPrice,
      amount: t.line.value,
      orderDate: t.orderDate,
      deliveryDue: t.deliveryDue,
      delivered: t.delivered,
      shippedAt: t.shippedAt,
      daysLate: t.daysLate,
      shiftDays: t.shiftDays,
      deliveryId: `del-${t.line.id}-${tag}`,
      evidenceRecords: 0,
      evidenceUnits: 0,
      invoiceId: `inv-${t.line.id}-${tag}`,
      invoiceDue: t.invoiceDue,
    });
  }
  for (const line of table(rows, [3, 4, 5])) step.line(line);
  step.line(`PO documents in ${session.show(paths.documents)}; each contract holds the sha256 of its document`);
  session.save();
  step.proved(
    "both sides confirmed the same document (the buyer's confirmation came from CoreOrg's identity); from now on each PO changes only with both organisations' endorsement",
  );
}

function outcome(session: DemoSession, lineId: number): ContractOutcome {
  const c = session.story.contracts.find((x) => x.lineId === lineId);
  if (!c) throw new Error(`no purchase order for line ${lineId}`);
  return c;
}

/**
 * Step 9: the SME ships each order with the production records that made the goods (the newest
 * records before shipping that back no other delivery), and the buyer records the receipt on the
 * line's delivered date.
 */
export async function deliveryStep(
  session: DemoSession,
  timelines: readonly LineTimeline[],
  window: ProductionWindow,
  producing: readonly string[],
): Promise<void> {
  const { config, narrator } = session;
  const api = session.api;
  const factoryId = config.enterprises.factory.id;
  const step = narrator.step('Deliveries backed by production records, received by the buyer', 'trade');
  const until = Math.max(...timelines.map((t) => Date.parse(t.shippedAt))) + 1;
  const records: EvidenceRecord[] = [];
  for (const deviceId of producing) {
    records.push(
      ...(await api.factory.list<EvidenceRecord>(`/enterprises/${factoryId}/production`, {
        from: new Date(window.start).toISOString(),
        to: new Date(Math.max(until, window.start + 1000)).toISOString(),
        deviceId,
      })),
    );
  }
  const used = new Set<string>();
  const rows: string[][] = [['delivery', 'qty', 'shipped', 'received', 'due', 'timeliness', 'backed by']];
  for (const t of timelines) {
    const c = outcome(session, t.line.id);
    const evidence = chooseEvidence(records, t.shippedAt, t.line.qty, used);
    if (evidence.records.length === 0) {
      throw new Error(`no production record of ${factoryId} started before ${t.shippedAt} to back ${c.deliveryId}`);
    }
    await api.factory.post('/deliveries', {
      id: c.deliveryId,
      contractId: c.contractId,
      qty: t.line.qty,
      shippedAt: t.shippedAt,
      evidence: evidence.records.map((r) => ({
        enterpriseId: r.enterpriseId,
        deviceId: r.deviceId,
        periodStart: r.periodStart,
      })),
    });
    await api.buyer.post(`/deliveries/${c.deliveryId}/receive`, { receivedQty: t.line.qty, receivedAt: t.delivered });
    Object.assign(c, { evidenceRecords: evidence.records.length, evidenceUnits: evidence.units });
    const first = evidence.records[0]?.periodStart.slice(0, 10) ?? '';
    const last = evidence.records[evidence.records.length - 1]?.periodStart.slice(0, 10) ?? '';
    rows.push([
      c.deliveryId,
      n(t.line.qty),
      t.shippedAt.slice(0, 16).replace('T', ' '),
      t.delivered,
      t.deliveryDue,
      t.daysLate > 0 ? `${t.daysLate} days late` : t.daysLate < 0 ? `${-t.daysLate} days early` : 'on the day',
      `${evidence.records.length} records, ${n(evidence.units)} good parts (${first}…${last})`,
    ]);
    if (!evidence.covers) {
      step.warn(
        `${c.deliveryId}: the production records before shipping hold ${n(evidence.units)} parts, fewer than ${n(t.line.qty)}`,
      );
    }
  }
  for (const line of table(rows, [1])) step.line(line);
  session.save();
  step.proved(
    "each shipment names the ledger's production records the goods came from (the chaincode checks they exist, are the SME's and precede shipping); the buyer's receipt dates decide on-time delivery",
  );
}

/** Step 10: the SME invoices each delivery; the buyer's acknowledgement turns the invoice into a receivable. */
export async function invoiceStep(session: DemoSession, timelines: readonly LineTimeline[]): Promise<void> {
  const { narrator } = session;
  const api = session.api;
  const step = narrator.step('Invoices issued by the SME, acknowledged by the buyer', 'trade');
  const rows: string[][] = [['invoice', 'amount', 'due', 'status']];
  for (const t of timelines) {
    const c = outcome(session, t.line.id);
    await api.factory.post('/invoices', {
      id: c.invoiceId,
      contractId: c.contractId,
      amount: t.line.value,
      currency: 'USD',
      dueDate: t.invoiceDue,
    });
    const ack = await api.buyer.post<{ status: string }>(`/invoices/${c.invoiceId}/acknowledge`);
    rows.push([c.invoiceId, money(t.line.value), t.invoiceDue, ack.status]);
  }
  for (const line of table(rows, [1])) step.line(line);
  step.proved(
    "each receivable exists because the buyer's own identity acknowledged the invoice, for at most the value of the goods it received",
  );
}

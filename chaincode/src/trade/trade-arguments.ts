import { invalidArgument } from '../errors';
import { fromMinorUnits } from '../ledger/money';
import { checkKeyPart } from '../ledger/store';
import { parseDateOrTimestamp } from '../ledger/time';
import { Fields, parseIntegerArg, parseJsonArray, parseJsonObject } from '../validation/fields';
import type { ContractProposal } from './contract-lifecycle';
import type { Receipt, Shipment } from './delivery-rules';
import type { EvidenceKey } from './evidence-key';
import type { InvoiceInput, Payment } from './invoice-rules';
import type { PartInput, Terms } from './receivable-rules';

/** Largest quantity of one contract line or delivery. */
export const MAX_QTY = 1_000_000_000;
/** Largest number of lines of one contract. */
export const MAX_LINES = 500;
/** Largest number of production records offered as evidence for one delivery. */
export const MAX_EVIDENCE = 500;
/** Largest number of parts of one split. */
export const MAX_PARTS = 100;

function positiveMoney(fields: Fields, name: string): number {
  const minor = fields.moneyMinor(name);
  if (minor <= 0) {
    throw invalidArgument(fields.field(name), 'must be greater than 0');
  }
  return minor;
}

function currency(fields: Fields, name: string): string {
  const value = fields.string(name, { min: 3, max: 3 });
  if (!/^[A-Z]{3}$/.test(value)) {
    throw invalidArgument(fields.field(name), 'must be an ISO 4217 currency code such as USD');
  }
  return value;
}

/** Parses `contractJson` of ProposeContract; totals computed in minor units. */
export function parseContractProposal(text: string): ContractProposal {
  const f = new Fields(parseJsonObject(text, 'contractJson'), 'contractJson', [
    'id',
    'buyerId',
    'sellerId',
    'documentHash',
    'lines',
    'currency',
    'deliveryDue',
    'paymentTermsDays',
  ]);
  const id = f.id('id');
  const buyerId = f.id('buyerId');
  const sellerId = f.id('sellerId');
  if (buyerId === sellerId) {
    throw invalidArgument(f.field('sellerId'), 'must differ from buyerId');
  }
  let totalQty = 0;
  let totalMinor = 0;
  const lines = f.array('lines', { min: 1, max: MAX_LINES }).map((raw, i) => {
    const line = new Fields(raw, `contractJson.lines[${i}]`, ['sku', 'qty', 'unitPrice']);
    const sku = line.string('sku', { max: 64 });
    const qty = line.integer('qty', { min: 1, max: MAX_QTY });
    const unitMinor = positiveMoney(line, 'unitPrice');
    totalQty += qty;
    totalMinor += qty * unitMinor;
    if (!Number.isSafeInteger(totalMinor)) {
      throw invalidArgument(line.field('qty'), 'makes the contract total too large');
    }
    return { sku, qty, unitPrice: fromMinorUnits(unitMinor) };
  });
  const skus = new Set(lines.map((l) => l.sku));
  if (skus.size !== lines.length) {
    throw invalidArgument(f.field('lines'), 'must not repeat a sku');
  }
  return {
    id,
    buyerId,
    sellerId,
    documentHash: f.hex64('documentHash'),
    lines,
    currency: currency(f, 'currency'),
    deliveryDue: f.dateOrTimestamp('deliveryDue'),
    paymentTermsDays: f.integer('paymentTermsDays', { min: 0, max: 3650 }),
    totalQty,
    totalMinor,
  };
}

/** Parses `deliveryJson` of ShipDelivery. */
export function parseShipment(text: string): Shipment {
  const f = new Fields(parseJsonObject(text, 'deliveryJson'), 'deliveryJson', [
    'id',
    'contractId',
    'qty',
    'shippedAt',
    'evidence',
  ]);
  const seen = new Set<string>();
  const evidence = f.array('evidence', { min: 1, max: MAX_EVIDENCE }).map((raw, i): EvidenceKey => {
    const path = `deliveryJson.evidence[${i}]`;
    const k = new Fields(raw, path, ['enterpriseId', 'deviceId', 'periodStart']);
    const key = {
      enterpriseId: k.id('enterpriseId'),
      deviceId: k.id('deviceId'),
      periodStart: k.timestamp('periodStart'),
    };
    const text = `${key.enterpriseId}/${key.deviceId}/${key.periodStart}`;
    if (seen.has(text)) {
      throw invalidArgument(path, 'repeats an evidence key');
    }
    seen.add(text);
    return key;
  });
  return {
    id: f.id('id'),
    contractId: f.id('contractId'),
    qty: f.integer('qty', { min: 1, max: MAX_QTY }),
    shippedAt: f.timestamp('shippedAt'),
    evidence,
  };
}

/** Parses ReceiveDelivery's `receivedQty` (string integer, 0 allowed) and `receivedAt`. */
export function parseReceipt(receivedQty: string, receivedAt: string): Receipt {
  return {
    receivedQty: parseIntegerArg(receivedQty, 'receivedQty', 0, MAX_QTY),
    receivedAt: parseDateOrTimestamp(receivedAt, 'receivedAt'),
  };
}

/** Parses `invoiceJson` of IssueInvoice. */
export function parseInvoiceInput(text: string): InvoiceInput {
  const f = new Fields(parseJsonObject(text, 'invoiceJson'), 'invoiceJson', [
    'id',
    'contractId',
    'amount',
    'currency',
    'dueDate',
  ]);
  return {
    id: f.id('id'),
    contractId: f.id('contractId'),
    amountMinor: positiveMoney(f, 'amount'),
    currency: currency(f, 'currency'),
    dueDate: f.dateOrTimestamp('dueDate'),
  };
}

/** Parses `termsJson` of FinanceReceivable. */
export function parseTerms(text: string): Terms {
  const f = new Fields(parseJsonObject(text, 'termsJson'), 'termsJson', ['advanceAmount', 'ratePercent']);
  const ratePercent = f.number('ratePercent', { min: 0, max: 100 });
  if (Math.round(ratePercent * 10_000) / 10_000 !== ratePercent) {
    throw invalidArgument(f.field('ratePercent'), 'must have at most 4 decimals');
  }
  return { advanceMinor: positiveMoney(f, 'advanceAmount'), ratePercent };
}

/** Parses `partsJson` of SplitReceivable. */
export function parseParts(text: string): PartInput[] {
  const raw = parseJsonArray(text, 'partsJson');
  if (raw.length < 2 || raw.length > MAX_PARTS) {
    throw invalidArgument('partsJson', `must have 2 to ${MAX_PARTS} parts`);
  }
  return raw.map((item, i) => {
    const f = new Fields(item, `partsJson[${i}]`, ['id', 'amount']);
    return { id: f.id('id'), amountMinor: positiveMoney(f, 'amount') };
  });
}

/** Parses SettleInvoice's `paidAt` (date or time) and `paymentRef`. */
export function parsePayment(paidAt: string, paymentRef: string): Payment {
  return { paidAt: parseDateOrTimestamp(paidAt, 'paidAt'), paymentRef: parseRef(paymentRef, 'paymentRef') };
}

/** A free-text reference (payment reference): 1 to 128 printable characters. */
export function parseRef(value: string, field: string): string {
  if (value.length < 1 || value.length > 128) {
    throw invalidArgument(field, 'must be 1 to 128 characters');
  }
  checkKeyPart(value, field);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw invalidArgument(field, 'must not contain control characters');
  }
  return value;
}

/** A reason given for a rejection or cancellation: 1 to 500 characters. */
export function parseReason(value: string): string {
  if (value.trim().length === 0 || value.length > 500) {
    throw invalidArgument('reason', 'must be 1 to 500 characters');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) {
    throw invalidArgument('reason', 'must not contain control characters');
  }
  return value;
}

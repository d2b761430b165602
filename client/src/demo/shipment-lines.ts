import * as fs from 'node:fs';

/** One USAID SCMS shipment line, with the fields the trade story uses. */
export interface ShipmentLine {
  /** The data set's line id (column `id`). */
  readonly id: number;
  readonly poNumber: string;
  readonly asnNumber: string;
  readonly country: string;
  readonly vendor: string;
  readonly item: string;
  readonly productGroup: string;
  readonly shipmentMode: string;
  readonly incoterm: string;
  /** Packs ordered and delivered. */
  readonly qty: number;
  /** Price of a pack and value of the line, USD. */
  readonly packPrice: number;
  readonly value: number;
  /** Dates as `YYYY-MM-DD`. */
  readonly poSent: string;
  readonly scheduled: string;
  readonly delivered: string;
  readonly recorded: string;
}

/** Splits CSV text into rows of fields (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date of the SCMS file (`2-Jun-06` or `6/2/2006`) as `YYYY-MM-DD`, or undefined for text such as "Date Not Captured". */
export function scmsDate(value: string): string | undefined {
  let y: number;
  let m: number;
  let d: number;
  const short = /^(\d{1,2})-([A-Z][a-z]{2})-(\d{2})$/.exec(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (short) {
    d = Number(short[1]);
    m = MONTHS.indexOf(short[2] ?? '') + 1;
    y = 2000 + Number(short[3]);
  } else if (us) {
    m = Number(us[1]);
    d = Number(us[2]);
    y = Number(us[3]);
  } else {
    return undefined;
  }
  const t = Date.UTC(y, m - 1, d);
  const iso = new Date(t).toISOString().slice(0, 10);
  return m >= 1 && iso === `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
    ? iso
    : undefined;
}

function cents(value: number): number {
  return Math.round(value * 100);
}

/**
 * Reads the named lines of the SCMS shipment file. Each must have its PO, scheduled, delivered and
 * recorded dates, a whole quantity, a pack price in cents, and a line value equal to quantity × pack
 * price, so that the purchase order's total is the line's value exactly.
 */
export function readShipmentLines(file: string, ids: readonly number[]): ShipmentLine[] {
  const rows = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const header = rows[0] ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column '${name}'`);
    return i;
  };
  const c = {
    id: col('id'),
    po: col('po / so #'),
    asn: col('asn/dn #'),
    country: col('country'),
    vendor: col('vendor'),
    item: col('item description'),
    group: col('product group'),
    mode: col('shipment mode'),
    incoterm: col('vendor inco term'),
    poSent: col('po sent to vendor date'),
    scheduled: col('scheduled delivery date'),
    delivered: col('delivered to client date'),
    recorded: col('delivery recorded date'),
    qty: col('line item quantity'),
    value: col('line item value'),
    packPrice: col('pack price'),
  };
  const byId = new Map<number, string[]>();
  for (const row of rows.slice(1)) byId.set(Number(row[c.id]), row);
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new Error(`${file}: no shipment line with id ${id}`);
    const text = (i: number): string => row[i] ?? '';
    const date = (i: number, name: string): string => {
      const d = scmsDate(text(i));
      if (d === undefined) throw new Error(`shipment line ${id}: ${name} '${text(i)}' is not a date`);
      return d;
    };
    const qty = Number(text(c.qty));
    const value = Number(text(c.value));
    const packPrice = Number(text(c.packPrice));
    if (!Number.isInteger(qty) || qty < 1)
      throw new Error(`shipment line ${id}: quantity '${text(c.qty)}' is not a whole number`);
    if (!(packPrice > 0) || cents(packPrice) / 100 !== packPrice || cents(packPrice) * qty !== cents(value)) {
      throw new Error(
        `shipment line ${id}: quantity ${qty} × pack price ${text(c.packPrice)} is not the line value ${text(c.value)} to the cent`,
      );
    }
    const line: ShipmentLine = {
      id,
      poNumber: text(c.po),
      asnNumber: text(c.asn),
      country: text(c.country),
      vendor: text(c.vendor),
      item: text(c.item),
      productGroup: text(c.group),
      shipmentMode: text(c.mode),
      incoterm: text(c.incoterm),
      qty,
      packPrice,
      value,
      poSent: date(c.poSent, 'po sent to vendor date'),
      scheduled: date(c.scheduled, 'scheduled delivery date'),
      delivered: date(c.delivered, 'delivered to client date'),
      recorded: date(c.recorded, 'delivery recorded date'),
    };
    if (line.delivered < line.poSent || line.scheduled < line.poSent) {
      throw new Error(`shipment line ${id}: delivered or scheduled before the PO was sent`);
    }
    return line;
  });
}

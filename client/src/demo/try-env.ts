import * as fs from 'node:fs';
import type { DemoApiKeys } from './api-instances';

/** What `try.env` sets: the APIs, keys and enterprise ids as soon as the APIs answer; the trade ids once the story made them. */
export type TryEnv = Readonly<{
  apis: Readonly<Record<'factory' | 'core' | 'bank', string>>;
  keys: DemoApiKeys;
  /** The demo configuration's enterprises (only their ids are written). */
  enterprises: Readonly<Record<'factory' | 'supplier' | 'buyer' | 'bank', Readonly<{ id: string }>>>;
  trade?: Readonly<{ po: string; poDocument: string; invoice: string }>;
}>;

/** A value as one shell word. */
function quote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function exportLine(vars: readonly (readonly [string, string])[]): string {
  return `export ${vars.map(([name, value]) => `${name}=${quote(value)}`).join(' ')}`;
}

/** The text of `try.env`: `export` lines for a shell that sources it. */
export function tryEnvText(env: TryEnv): string {
  const { apis, keys, enterprises: e, trade } = env;
  return [
    "# Written by the demo (npm start): `source` this file to try the APIs with the demo's keys.",
    exportLine([
      ['FACTORY_API', apis.factory],
      ['FACTORY_KEY', keys.factory],
      ['SUPPLIER_KEY', keys.supplier],
    ]),
    exportLine([
      ['CORE_API', apis.core],
      ['CORE_KEY', keys.buyer],
    ]),
    exportLine([
      ['BANK_API', apis.bank],
      ['BANK_KEY', keys.bank],
    ]),
    exportLine([
      ['SME', e.factory.id],
      ['SUPPLIER', e.supplier.id],
      ['BUYER', e.buyer.id],
      ['BANK', e.bank.id],
    ]),
    trade
      ? exportLine([
          ['PO', trade.po],
          ['PO_DOC', trade.poDocument],
          ['INVOICE', trade.invoice],
        ])
      : "# PO, PO_DOC and INVOICE (this run's purchase order, its document and the financed invoice) follow when the story has made them.",
    '',
  ].join('\n');
}

/** (Re)writes `try.env` in one step (a shell sourcing it never reads half a file), readable by its owner only. */
export function writeTryEnv(file: string, env: TryEnv): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, tryEnvText(env), { mode: 0o600 });
  fs.chmodSync(partial, 0o600); // a partial file left by an earlier run keeps its mode otherwise
  fs.renameSync(partial, file);
}

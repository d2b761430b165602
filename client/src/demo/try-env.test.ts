import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeTryEnv, type TryEnv } from './try-env';

const early: TryEnv = {
  apis: { factory: 'http://127.0.0.1:3101', core: 'http://127.0.0.1:3102', bank: 'http://127.0.0.1:3103' },
  keys: { factory: 'sme-a_b', supplier: 'supplier-c-d', buyer: 'buyer-e', bank: 'bank-f' },
  enterprises: {
    factory: { id: 'demo-sme-factory' },
    supplier: { id: 'demo-sme-supplier' },
    buyer: { id: 'demo-core-buyer' },
    bank: { id: 'demo-bank' },
  },
};

describe('try.env', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-try-env-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What a shell that sources the file sees. */
  const sourced = (file: string, names: readonly string[]): Record<string, string> => {
    const out = execFileSync(
      'bash',
      ['-c', `source "$1" && printf '%s\\n' ${names.map((n) => `"$${n}"`).join(' ')}`, '-', file],
      {
        encoding: 'utf8',
      },
    );
    const values = out.trimEnd().split('\n');
    return Object.fromEntries(names.map((name, i): [string, string] => [name, values[i] ?? '']));
  };

  it('is readable by its owner only, also when an earlier run left a partial file behind', () => {
    const file = path.join(dir, 'try.env');
    fs.writeFileSync(`${file}.partial`, 'old', { mode: 0o644 });
    writeTryEnv(file, early);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it('sets the URLs, keys and enterprise ids as soon as the APIs answer, and says the trade ids follow', () => {
    const file = path.join(dir, 'try.env');
    writeTryEnv(file, early);
    expect(
      sourced(file, [
        'BANK_API',
        'BANK_KEY',
        'FACTORY_KEY',
        'SUPPLIER_KEY',
        'CORE_KEY',
        'SME',
        'SUPPLIER',
        'BUYER',
        'BANK',
      ]),
    ).toEqual({
      BANK_API: 'http://127.0.0.1:3103',
      BANK_KEY: 'bank-f',
      FACTORY_KEY: 'sme-a_b',
      SUPPLIER_KEY: 'supplier-c-d',
      CORE_KEY: 'buyer-e',
      SME: 'demo-sme-factory',
      SUPPLIER: 'demo-sme-supplier',
      BUYER: 'demo-core-buyer',
      BANK: 'demo-bank',
    });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/PO, PO_DOC and INVOICE .* follow/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is rewritten with the trade ids at the end, paths with spaces and quotes intact', () => {
    const file = path.join(dir, 'try.env');
    writeTryEnv(file, early);
    const document = path.join(dir, "PO's documents", 'po 1.txt');
    writeTryEnv(file, { ...early, trade: { po: 'po-r1-9088', poDocument: document, invoice: 'inv-r1-9088' } });
    expect(sourced(file, ['PO', 'PO_DOC', 'INVOICE', 'BANK_KEY'])).toEqual({
      PO: 'po-r1-9088',
      PO_DOC: document,
      INVOICE: 'inv-r1-9088',
      BANK_KEY: 'bank-f',
    });
    expect(fs.readdirSync(dir)).toEqual(['try.env']);
  });
});

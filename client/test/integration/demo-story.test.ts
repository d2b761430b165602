import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { mintIdentity, repoRoot, uniqueId, type IdentityFiles } from '../../../test/support/fabric';

// The demo's story, shortened: two plant days instead of two months, the same steps. Every result
// is checked against figures this test computes from the CSV files itself.

const DATA = path.join(repoRoot, 'data');
const START = Date.UTC(2018, 0, 1);
const DAYS = 2;
const CYCLE = 600;
const SPEED = 3600;
const PO_DAY = 3;
const TERMS = 21;
const LINES = [9088, 1196, 1114];
const FINANCE = { line: 9088, advancePercent: 90, ratePercent: 6.5 };
const SPLIT = { line: 1196, transferPercent: 40 };
const DAY = 86_400_000;
const run = promisify(execFile);

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- the CSV files, read here

function csvLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
}

/** AI4I rows of the replay: one per 600 s cycle from 2018-01-01, each a good part or a failure. */
function ai4iCycles(): { t: number; failed: boolean }[] {
  const lines = csvLines(path.join(DATA, 'ai4i2020', 'ai4i2020.csv'));
  const failure = lines[0]!.split(',').indexOf('Machine failure');
  const rows = (DAYS * 86_400) / CYCLE;
  return lines
    .slice(1, 1 + rows)
    .map((l, i) => ({ t: START + i * CYCLE * 1000, failed: l.split(',')[failure] === '1' }));
}

/** Steel rows of the replay: quarter hours from 2018-01-01 00:00, Wh and whether the plant ran. */
function steelQuarterHours(): { t: number; wh: number; running: boolean }[] {
  const lines = csvLines(path.join(DATA, 'steel_industry_energy', 'Steel_industry_data.csv'));
  return lines.slice(1, 1 + DAYS * 96).map((l) => {
    const cells = l.split(',');
    const [d, m, y, hh, mm] = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d)$/.exec(cells[0]!)!.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const end = Date.UTC(y, m - 1, d, hh, mm) + (hh === 0 && mm === 0 ? DAY : 0);
    const [whole, fraction = ''] = cells[1]!.split('.');
    return {
      t: end - 900_000,
      wh: Number(whole) * 1000 + Number(fraction.padEnd(3, '0')),
      running: cells[cells.length - 1] !== 'Light_Load',
    };
  });
}

/** RFC 4180 fields of the SCMS file (quoted fields hold commas). */
function scmsRows(): Map<string, Record<string, string>> {
  const text = fs.readFileSync(
    path.join(DATA, 'usaid_scms_shipments', 'Supply_Chain_Shipment_Pricing_Data.csv'),
    'utf8',
  );
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inQuotes && ch === '"' && text.charAt(i + 1) === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!inQuotes && ch === '\n') {
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  const header = records[0]!;
  return new Map(records.slice(1).map((r) => [r[0]!, Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))]));
}

function scmsDay(value: string): number {
  const months = 'JanFebMarAprMayJunJulAugSepOctNovDec';
  const a = /^(\d+)-([A-Za-z]{3})-(\d\d)$/.exec(value);
  if (a) return Date.UTC(2000 + Number(a[3]), months.indexOf(a[2]!) / 3, Number(a[1]));
  const b = /^(\d+)\/(\d+)\/(\d{4})$/.exec(value)!;
  return Date.UTC(Number(b[3]), Number(b[1]) - 1, Number(b[2]));
}

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** What each shipment line becomes in the story, by the rule the README states. */
function expectedLines() {
  const rows = scmsRows();
  return LINES.map((id) => {
    const r = rows.get(String(id))!;
    const po = scmsDay(r['po sent to vendor date']!);
    const shift = START + PO_DAY * DAY - po;
    const delivered = scmsDay(r['delivered to client date']!) + shift;
    const scheduled = scmsDay(r['scheduled delivery date']!) + shift;
    return {
      id,
      qty: Number(r['line item quantity']),
      unitPrice: Number(r['pack price']),
      value: Number(r['line item value']),
      deliveryDue: iso(scheduled),
      delivered: iso(delivered),
      onTime: delivered <= scheduled,
      invoiceDue: iso(delivered + TERMS * DAY),
    };
  });
}

// ---------------------------------------------------------------- running the demo

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A process that exists and has not ended (a zombie has ended). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(true);
    });
    server.listen(port, '127.0.0.1', () =>
      server.close(() => {
        resolve(false);
      }),
    );
  });
}

const identity = (files: IdentityFiles, org: string) => ({ org, certPath: files.certPath, keyPath: files.keyPath });

describe('the demo story, shortened, on the test network', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-demo-story-'));
  const stateDir = path.join(dir, 'state');
  const configFile = path.join(dir, 'demo.yaml');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SCC_DEMO_')));
  const ids = {
    factory: uniqueId('e2e-sme'),
    supplier: uniqueId('e2e-supplier'),
    buyer: uniqueId('e2e-buyer'),
    bank: uniqueId('e2e-bank'),
  };
  let demo: ChildProcess | undefined;
  let output = '';
  let exitCode: number | null | undefined;
  let ports: number[] = [];
  /** try.env as it was while the story ran (written when the APIs answered). */
  let earlyTryEnv: string | undefined;

  const api = async (base: string, key: string, urlPath: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${base}/api/v1${urlPath}`, { headers: { Authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'client'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
    const config = {
      stateDir,
      dataDir: DATA,
      ports: { factoryApi: ports[0], coreApi: ports[1], bankApi: ports[2], simulator: ports[3], agentHttp: ports[4] },
      enterprises: {
        factory: { id: ids.factory, name: 'E2E machining SME' },
        supplier: { id: ids.supplier, name: 'E2E second supplier' },
        buyer: { id: ids.buyer, name: 'E2E buyer' },
        bank: { id: ids.bank, name: 'E2E bank' },
      },
      identities: {
        factory: identity(mintIdentity('factory', 'e2e-sme-op'), 'factory'),
        gateway: identity(mintIdentity('factory', 'e2e-gateway'), 'factory'),
        supplier: identity(mintIdentity('factory', 'e2e-supplier-op'), 'factory'),
        buyer: identity(mintIdentity('core', 'e2e-buyer-op'), 'core'),
        bank: identity(mintIdentity('bank', 'e2e-bank-op'), 'bank'),
      },
      replay: {
        start: '2018-01-01',
        days: DAYS,
        speed: SPEED,
        periodSeconds: 3600,
        pollIntervalMs: 50,
        mill: { device: 'mill-1', file: 'ai4i2020/ai4i2020.csv', firstRow: 1, cycleSeconds: CYCLE },
        meter: { device: 'steel-meter', file: 'steel_industry_energy/Steel_industry_data.csv' },
      },
      trade: {
        file: 'usaid_scms_shipments/Supply_Chain_Shipment_Pricing_Data.csv',
        lines: LINES,
        poDay: PO_DAY,
        paymentTermsDays: TERMS,
        finance: FINANCE,
        split: SPLIT,
        consentDays: 30,
      },
      live: { minRecordsPerDevice: 1, timeoutMinutes: 5 },
    };
    fs.writeFileSync(configFile, YAML.stringify(config));
    demo = spawn(process.execPath, [path.join(repoRoot, 'client', 'dist', 'demo', 'main.js'), '--config', configFile], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.once('exit', (code) => (exitCode = code));
    const deadline = Date.now() + 480_000;
    while (!output.includes('Story complete') && exitCode === undefined && Date.now() < deadline) {
      if (earlyTryEnv === undefined && output.includes('to try them now'))
        earlyTryEnv = fs.readFileSync(path.join(stateDir, 'try.env'), 'utf8');
      await new Promise((r) => setTimeout(r, 500));
    }
    if (!output.includes('Story complete')) throw new Error(`the demo did not complete its story:\n${output}`);
  }, 600_000);

  afterAll(() => {
    if (demo?.pid !== undefined && isAlive(demo.pid)) {
      execFileSync(
        process.execPath,
        [path.join(repoRoot, 'client', 'dist', 'demo', 'stop.js'), '--config', configFile],
        {
          env,
        },
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  const story = (): Json => JSON.parse(fs.readFileSync(path.join(stateDir, 'story.json'), 'utf8')) as Json;
  const keys = (): Record<string, string> =>
    JSON.parse(fs.readFileSync(path.join(stateDir, 'api-keys.json'), 'utf8')) as Record<string, string>;
  const bank = (urlPath: string) => api(`http://127.0.0.1:${ports[2]}`, keys().bank!, urlPath);

  it('puts on the ledger, per day, the parts, rejects, failures and energy of the replayed rows, and their run time as seen', async () => {
    const cycles = ai4iCycles();
    const quarters = steelQuarterHours();
    const res = await bank(
      `/enterprises/${ids.factory}/production/daily?fromDay=2018-01-01&toDay=${iso(START + (DAYS - 1) * DAY)}`,
    );
    expect(res.status).toBe(200);
    const days = res.body.data as Json[];
    for (let d = 0; d < DAYS; d++) {
      const day = iso(START + d * DAY);
      const inDay = <T extends { t: number }>(rows: T[]) => rows.filter((r) => iso(r.t) === day);
      const mill = days.find((x) => x.day === day && x.deviceId === 'mill-1')!;
      const meter = days.find((x) => x.day === day && x.deviceId === 'steel-meter')!;
      const dayCycles = inDay(cycles);
      const failed = dayCycles.filter((c) => c.failed).length;
      expect([mill.records, mill.unitsProduced, mill.unitsRejected, mill.faultCount]).toEqual([
        24,
        dayCycles.length - failed,
        failed,
        failed,
      ]);
      const q = inDay(quarters);
      expect([meter.records, meter.energyWh]).toEqual([24, q.reduce((s, x) => s + x.wh, 0)]);
      // Time goes to a state only when a sample saw it: each state's seconds are at most the rows'
      // (what no poll saw stays unknown time), and under normal load almost all of it is seen.
      const seen = (x: Json) => (x.runSeconds as number) + (x.idleSeconds as number) + (x.downSeconds as number);
      expect(mill.runSeconds).toBeLessThanOrEqual((dayCycles.length - failed) * CYCLE);
      expect(mill.downSeconds).toBeLessThanOrEqual(failed * CYCLE);
      expect(mill.idleSeconds).toBe(0);
      expect(meter.runSeconds).toBeLessThanOrEqual(q.filter((x) => x.running).length * 900);
      expect(meter.idleSeconds).toBeLessThanOrEqual(q.filter((x) => !x.running).length * 900);
      expect(meter.downSeconds).toBe(0);
      expect([seen(mill), seen(meter)].every((s) => s >= 0.75 * 86_400)).toBe(true);
    }
    expect(cycles.filter((c) => c.failed).length).toBeGreaterThan(0);
  });

  it('confirms each purchase order, with the document hash, quantities, prices and dates of its shipment line', async () => {
    const s = story();
    for (const line of expectedLines()) {
      const c = (s.contracts as Json[]).find((x) => x.lineId === line.id)!;
      const doc = fs.readFileSync(c.documentFile as string);
      const hash = crypto.createHash('sha256').update(doc).digest('hex');
      const verified = (await bank(`/contracts/verify?documentHash=${hash}`)).body.data as Json;
      expect([verified.found, verified.bothConfirmed]).toEqual([true, true]);
      const contract = verified.contract as Json;
      expect(contract).toMatchObject({
        id: c.contractId,
        buyerId: ids.buyer,
        sellerId: ids.factory,
        totalQty: line.qty,
        totalAmount: line.value,
        deliveryDue: line.deliveryDue,
        receivedQty: line.qty,
        invoicedAmount: line.value,
      });
      expect(contract.lines).toEqual([{ sku: `SCMS-${line.id}`, qty: line.qty, unitPrice: line.unitPrice }]);
    }
  });

  it('ships each order on its delivered date with production records holding the parts, received by the buyer', async () => {
    const s = story();
    const used = new Set<string>();
    for (const line of expectedLines()) {
      const c = (s.contracts as Json[]).find((x) => x.lineId === line.id)!;
      const d = (await bank(`/deliveries/${String(c.deliveryId)}`)).body.data as Json;
      expect(d).toMatchObject({
        qty: line.qty,
        receivedQty: line.qty,
        status: 'RECEIVED',
        shippedAt: `${line.delivered}T00:00:00.000Z`,
        receivedAt: line.delivered,
      });
      let units = 0;
      for (const key of d.evidence as { deviceId: string; periodStart: string }[]) {
        expect(used.has(key.periodStart)).toBe(false);
        used.add(key.periodStart);
        const record = (await bank(`/enterprises/${ids.factory}/devices/${key.deviceId}/production/${key.periodStart}`))
          .body.data as Json;
        units += record.unitsProduced as number;
      }
      expect(units).toBeGreaterThanOrEqual(line.qty);
    }
  });

  it('finances one receivable once, splits another to the second supplier and settles every part to its payee', async () => {
    const s = story();
    const lines = expectedLines();
    const financed = lines.find((l) => l.id === FINANCE.line)!;
    const split = lines.find((l) => l.id === SPLIT.line)!;
    expect(s.financing).toMatchObject({
      advanceAmount: Math.floor(financed.value * FINANCE.advancePercent) / 100,
      secondAttempt: { status: 409, code: 'ALREADY_FINANCED' },
    });
    for (const line of lines) {
      const c = (s.contracts as Json[]).find((x) => x.lineId === line.id)!;
      const invoice = (await bank(`/invoices/${String(c.invoiceId)}`)).body.data as Json;
      expect(invoice).toMatchObject({ amount: line.value, dueDate: line.invoiceDue, status: 'SETTLED' });
      const parts = ((await bank(`/invoices/${String(c.invoiceId)}/receivables`)).body.data as Json[]).filter(
        (p) => p.status === 'SETTLED',
      );
      const paid = parts.map((p) => [p.amount, p.paidTo]).sort();
      if (line.id === FINANCE.line) expect(paid).toEqual([[line.value, ids.bank]]);
      else if (line.id === SPLIT.line) {
        const moved = (split.value * SPLIT.transferPercent) / 100;
        expect(paid).toEqual(
          [
            [split.value - moved, ids.factory],
            [moved, ids.supplier],
          ].sort(),
        );
      } else expect(paid).toEqual([[line.value, ids.factory]]);
    }
  });

  it('reconciles the period: every delivery, invoice and payment matched by both parties and the ledger', async () => {
    const rec = (story().reconciliation as Json).id as string;
    const r = (await bank(`/reconciliations/${rec}`)).body.data as Json;
    expect(r.status).toBe('COMPLETED');
    expect(r.result).toMatchObject({ matched: LINES.length * 3, mismatched: 0, missing: 0 });
  });

  it('gives the bank a credit profile whose figures are those of the replayed rows and the shipment lines', async () => {
    const s = story();
    const cycles = ai4iCycles();
    const quarters = steelQuarterHours();
    const failed = cycles.filter((c) => c.failed).length;
    const lines = expectedLines();
    for (const key of ['profileBeforeFinancing', 'finalProfile'] as const) {
      const asOf = (s[key] as Json).asOf as string;
      const profile = (await bank(`/enterprises/${ids.factory}/credit-profile?window=90d&asOf=${asOf}`)).body
        .data as Json;
      const production = profile.production as Json;
      expect([production.unitsProduced, production.unitsRejected, production.faultCount, production.energyWh]).toEqual([
        cycles.length - failed,
        failed,
        failed,
        quarters.reduce((sum, q) => sum + q.wh, 0),
      ]);
      const due = lines.filter((l) => l.deliveryDue <= asOf);
      const received = due.filter((l) => l.delivered <= asOf);
      expect(profile.trade).toMatchObject({
        contractsDue: due.length,
        contractedQty: due.reduce((sum, l) => sum + l.qty, 0),
        receivedQty: received.reduce((sum, l) => sum + l.qty, 0),
        onTimeQty: received.filter((l) => l.onTime).reduce((sum, l) => sum + l.qty, 0),
      });
      const factors = profile.factors as { contribution: number }[];
      expect(Math.abs(factors.reduce((sum, f) => sum + f.contribution, 0) - (profile.score as number))).toBeLessThan(1);
      expect(profile.score).toBeGreaterThan(0);
    }
    const final = (s.finalProfile as Json).trade as Json;
    expect([final.invoicesDue, final.invoicesPaidOnTime]).toEqual([lines.length, lines.length]);
  });

  it('answers the bank: production of the replayed days, a real PO, a financed invoice', () => {
    const q = story().bankQuestions as Json;
    const cycles = ai4iCycles();
    const failed = cycles.filter((c) => c.failed).length;
    expect(q.lastMonth).toMatchObject({
      fromDay: '2018-01-01',
      toDay: iso(START + (DAYS - 1) * DAY),
      unitsProduced: cycles.length - failed,
      unitsRejected: failed,
      energyWh: steelQuarterHours().reduce((sum, x) => sum + x.wh, 0),
    });
    expect(q.po).toMatchObject({ found: true, bothConfirmed: true });
    expect(q.invoice).toMatchObject({ financedBy: ids.bank });
  });

  it('writes try.env as soon as the APIs answer, and adds the trade ids at the end', () => {
    expect(earlyTryEnv).toContain(`SME=${ids.factory} SUPPLIER=${ids.supplier} BUYER=${ids.buyer} BANK=${ids.bank}`);
    expect(earlyTryEnv).toContain(`BANK_KEY=${keys().bank!}`);
    expect(earlyTryEnv).not.toContain('export PO=');
    const contracts = story().contracts as { contractId: string; lineId: number; invoiceId: string }[];
    const financed = contracts.find((c) => c.lineId === FINANCE.line)!;
    expect(fs.readFileSync(path.join(stateDir, 'try.env'), 'utf8')).toContain(
      `export PO=${contracts[0]!.contractId} PO_DOC=`,
    );
    expect(fs.readFileSync(path.join(stateDir, 'try.env'), 'utf8')).toContain(`INVOICE=${financed.invoiceId}`);
  });

  it('stops everything it started with npm stop', async () => {
    const pids = fs
      .readdirSync(path.join(stateDir, 'pids'))
      .map((f) => (JSON.parse(fs.readFileSync(path.join(stateDir, 'pids', f), 'utf8')) as { pid: number }).pid);
    expect(pids).toHaveLength(5);
    const { stdout: out } = await run(
      process.execPath,
      [path.join(repoRoot, 'client', 'dist', 'demo', 'stop.js'), '--config', configFile],
      { env, encoding: 'utf8' },
    );
    expect(out).toContain('nothing the demo started is left running');
    const deadline = Date.now() + 10_000;
    while (exitCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(exitCode).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await Promise.all(ports.map(portOpen))).toEqual([false, false, false, false, false]);
    expect(fs.readdirSync(path.join(stateDir, 'pids'))).toEqual([]);
  }, 240_000);
});

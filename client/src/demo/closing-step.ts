import { ApiError, type ApiClient, type Json } from './api-client';
import type { DemoSession } from './demo-session';
import { readProfile } from './finance-step';
import { money, n, table } from './narrator';
import { profileLines } from './profile-report';
import type { ProductionWindow } from './replay-step';
import { earlierRuns, type ContractOutcome } from './story-record';

const DAY_MS = 86_400_000;

interface Part {
  readonly id: string;
  readonly amount: number;
  readonly status: string;
  readonly paidTo?: string;
  readonly holderId: string;
  readonly financedBy?: string;
}

/**
 * Step 15: the buyer pays each invoice (on its due date in a replay, today in a live run); the
 * ledger settles every open part to its financier or holder.
 */
export async function settlementStep(session: DemoSession): Promise<void> {
  const { narrator } = session;
  const api = session.api;
  const step = narrator.step('Settlement by the buyer', 'settlement');
  const today = new Date().toISOString().slice(0, 10);
  const rows: string[][] = [['invoice', 'due', 'paid', 'part', 'amount', 'paid to']];
  const settled: Json[] = [];
  for (const c of session.story.contracts) {
    const paidAt = session.story.mode === 'live' ? today : c.invoiceDue;
    const paymentRef = `pay-${c.lineId}-${session.story.runTag}`;
    await api.buyer.post(`/invoices/${c.invoiceId}/settle`, { paidAt, paymentRef });
    Object.assign(c, { paidAt, paymentRef });
    const parts = (await api.buyer.get<Part[]>(`/invoices/${c.invoiceId}/receivables`)).filter(
      (p) => p.status === 'SETTLED',
    );
    for (const p of parts) {
      rows.push([
        c.invoiceId,
        c.invoiceDue,
        paidAt,
        p.id,
        money(p.amount),
        `${p.paidTo ?? '?'} (${p.financedBy !== undefined ? 'the bank that financed it' : p.paidTo === session.config.enterprises.supplier.id ? 'the second supplier, its holder' : 'the SME'})`,
      ]);
    }
    settled.push({
      invoiceId: c.invoiceId,
      paidAt,
      paymentRef,
      parts: parts.map((p) => ({ id: p.id, amount: p.amount, paidTo: p.paidTo })),
    });
  }
  for (const line of table(rows, [4])) step.line(line);
  session.story.settlement = settled;
  session.save();
  step.proved(
    'one payment per invoice closes every part of its receivable, and the ledger records who was paid: the financing bank, the second supplier, the SME',
  );
}

/**
 * A party's statement lines for one purchase order, read from the ledger with the party's own key:
 * the delivery (received quantity), the invoice and the payment, each when `include` takes the date
 * the ledger files it under (shipped, issued, settled).
 */
async function statementLines(
  client: ApiClient,
  c: ContractOutcome,
  include: (moment: string | undefined) => boolean,
): Promise<Json[]> {
  const lines: Json[] = [];
  try {
    const delivery = await client.get<{ qty: number; receivedQty?: number; shippedAt: string }>(
      `/deliveries/${c.deliveryId}`,
    );
    const invoice = await client.get<{ amount: number; issuedAt: string; settledAt?: string; paymentRef?: string }>(
      `/invoices/${c.invoiceId}`,
    );
    if (include(delivery.shippedAt)) {
      lines.push({ ref: c.deliveryId, kind: 'DELIVERY', qty: delivery.receivedQty ?? delivery.qty });
    }
    if (include(invoice.issuedAt)) lines.push({ ref: c.invoiceId, kind: 'INVOICE', amount: invoice.amount });
    if (invoice.paymentRef !== undefined && include(invoice.settledAt)) {
      lines.push({ ref: invoice.paymentRef, kind: 'PAYMENT', amount: invoice.amount });
    }
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
  }
  return lines;
}

interface Reconciliation {
  readonly status: string;
  readonly result?: {
    matched: number;
    mismatched: number;
    missing: number;
    lines: { ref: string; kind: string; status: string; reason?: string }[];
  };
}

/**
 * Step 16: the SME and the buyer each state the period's deliveries, invoices and payments from
 * their own records; the chaincode matches the statements with each other and with the ledger.
 */
export async function reconciliationStep(session: DemoSession, window: ProductionWindow): Promise<void> {
  const { config, narrator } = session;
  const api = session.api;
  const e = config.enterprises;
  const step = narrator.step('Reconciliation of the period between the SME and the buyer', 'reconciliation');
  const contracts = session.story.contracts;
  const lastPaid = Math.max(...contracts.map((c) => Date.parse(`${c.paidAt ?? c.invoiceDue}T00:00:00Z`)));
  const period = {
    from: new Date(window.start).toISOString(),
    to: new Date(Math.max(window.end, lastPaid + DAY_MS)).toISOString(),
  };
  const id = `rec-${session.story.runTag}`;
  await api.factory.post('/reconciliations', { id, period, parties: [e.factory.id, e.buyer.id] });
  const inPeriod = (moment: string | undefined): boolean =>
    moment !== undefined &&
    moment.slice(0, 10) >= period.from.slice(0, 10) &&
    moment.slice(0, 10) < period.to.slice(0, 10);
  const earlier = earlierRuns(session.paths.runs, session.story.runTag)
    .filter((r) => r.enterprises?.factory === e.factory.id && r.enterprises.buyer === e.buyer.id)
    .flatMap((r) => r.contracts)
    .filter((c) => inPeriod(c.shippedAt) || inPeriod(c.paidAt));
  if (earlier.length > 0) {
    step.line(`the period also holds ${earlier.length} purchase order(s) of earlier runs; both parties state them too`);
  }
  for (const [who, client] of [
    [e.factory.id, api.factory],
    [e.buyer.id, api.buyer],
  ] as const) {
    const lines: Json[] = [];
    for (const c of contracts) lines.push(...(await statementLines(client, c, () => true)));
    // Trade of earlier runs that the ledger files in this period is part of the period too.
    for (const c of earlier) lines.push(...(await statementLines(client, c, inPeriod)));
    await client.post(`/reconciliations/${id}/statements`, { lines });
    step.line(`${who} submitted ${lines.length} lines read from the ledger with its own key`);
  }
  const rec = await api.factory.get<Reconciliation>(`/reconciliations/${id}`);
  const r = rec.result;
  if (!r) throw new Error(`${id} did not complete`);
  step.line(
    `${id} (${period.from.slice(0, 10)} … ${period.to.slice(0, 10)}): ${rec.status}, ${n(r.matched)} matched, ${n(r.mismatched)} mismatched, ${n(r.missing)} missing`,
  );
  for (const l of r.lines.filter((x) => x.status !== 'MATCHED'))
    step.line(`  ${l.kind} ${l.ref}: ${l.status} ${l.reason ?? ''}`);
  session.story.reconciliation = {
    id,
    period,
    status: rec.status,
    matched: r.matched,
    mismatched: r.mismatched,
    missing: r.missing,
  };
  session.save();
  if (r.mismatched + r.missing === 0) {
    step.proved(
      "both parties' statements agree with each other and with the deliveries, invoices and payments on the ledger, line by line",
    );
  } else {
    step.proved(
      'the ledger compared both statements with each other and with its own records, and named every line that does not match',
    );
  }
}

/** Step 17: the profile at the end of the period, with deliveries, settlements and the reconciliation in it. */
export async function finalProfileStep(session: DemoSession, window: ProductionWindow): Promise<void> {
  const { narrator } = session;
  const step = narrator.step('The credit profile at the end of the period', 'profile');
  const lastPaid = Math.max(...session.story.contracts.map((c) => Date.parse(`${c.paidAt ?? c.invoiceDue}T00:00:00Z`)));
  const asOf =
    session.story.mode === 'live'
      ? new Date().toISOString().slice(0, 10)
      : new Date(Math.max(window.end - DAY_MS, lastPaid)).toISOString().slice(0, 10);
  const profile = await readProfile(session, asOf);
  step.line(`as of ${asOf}`);
  for (const line of profileLines(profile)) step.line(line);
  for (const f of profile.factors.filter((x) => x.value === null)) {
    step.line(`${f.name}: no data, so it neither helps nor hurts (${noDataReason(f.name, session.story.mode)})`);
  }
  session.story.finalProfile = { asOf, ...profile };
  session.save();
  step.proved(
    'the profile follows the ledger: delivery, settlement and production factors now include the whole period',
  );
}

/** Why a factor of the final profile has no value. */
function noDataReason(factor: string, mode: 'replay' | 'live'): string {
  switch (factor) {
    case 'receivablesCurrent':
      return mode === 'replay'
        ? 'a receivable counts from the day the ledger wrote it, today, after the replayed period'
        : 'every receivable is settled';
    case 'reconciliationMatch':
      return mode === 'replay'
        ? 'a reconciliation counts on the day it completed, today, after the replayed period'
        : 'no reconciliation completed in the window';
    case 'settlementOnTime':
      return 'no acknowledged invoice falls due in the window';
    case 'outputTrend':
    case 'outputStability':
      return 'fewer than two days with production in the window';
    default:
      return 'nothing in the window to compute it from';
  }
}

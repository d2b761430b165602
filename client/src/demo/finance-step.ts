import { ApiError } from './api-client';
import type { DemoSession } from './demo-session';
import { money, table } from './narrator';
import { profileLines, type CreditProfile } from './profile-report';
import type { ContractOutcome } from './story-record';

function contractOf(session: DemoSession, lineId: number): ContractOutcome {
  const c = session.story.contracts.find((x) => x.lineId === lineId);
  if (!c) throw new Error(`no purchase order for line ${lineId}`);
  return c;
}

function cents(v: number): number {
  return Math.round(v * 100);
}

/** Step 11: the SME grants the bank read access to its production, trade and profile, and to finance its receivables. */
export async function consentStep(session: DemoSession): Promise<void> {
  const { config, narrator } = session;
  const e = config.enterprises;
  const step = narrator.step('Consent granted by the SME to the bank', 'consent');
  const expiresAt = new Date(Date.now() + config.trade.consentDays * 86_400_000).toISOString();
  const grant = await session.api.factory.post<{ scopes: string[]; expiresAt: string }>(
    `/enterprises/${e.factory.id}/consents`,
    { bankId: e.bank.id, scopes: ['production', 'profile', 'trade', 'receivables'], expiresAt },
  );
  step.line(`${e.factory.id} → ${e.bank.id}: ${grant.scopes.join(', ')}; expires ${grant.expiresAt}`);
  session.story.consent = { bankId: e.bank.id, scopes: grant.scopes, expiresAt: grant.expiresAt };
  session.save();
  step.proved("the bank can now read this SME's data, and only because the SME's own identity said so");
}

/** The credit profile the bank reads, over the 90 days ending with `asOf`. */
export async function readProfile(session: DemoSession, asOf: string): Promise<CreditProfile> {
  return session.api.bank.get<CreditProfile>(`/enterprises/${session.config.enterprises.factory.id}/credit-profile`, {
    window: '90d',
    asOf,
  });
}

/**
 * Step 12: the bank's credit check, on the day the receivable it is asked to finance came into
 * being (the financed line's delivery), over the 90 days before.
 */
export async function profileStep(session: DemoSession): Promise<void> {
  const { config, narrator } = session;
  const c = contractOf(session, config.trade.finance.line);
  const step = narrator.step('The bank reads the credit profile', 'profile');
  step.line(`as of ${c.delivered}, the day ${c.invoiceId}'s goods were delivered (window: the 90 days up to it)`);
  const profile = await readProfile(session, c.delivered);
  for (const line of profileLines(profile)) step.line(line);
  session.story.profileBeforeFinancing = { asOf: c.delivered, ...profile };
  session.save();
  step.proved(
    'every number is computed by the chaincode from ledger records (per-day production sums, POs, deliveries, invoices), each factor naming the records behind it',
  );
}

/**
 * Step 13: the bank finances one receivable; a second financing of it is refused by the ledger
 * (no double financing).
 */
export async function financingStep(session: DemoSession): Promise<void> {
  const { config, narrator } = session;
  const f = config.trade.finance;
  const c = contractOf(session, f.line);
  const step = narrator.step('The bank finances a receivable', 'financing');
  const advanceAmount = Math.floor((cents(c.amount) * f.advancePercent) / 100) / 100;
  const financed = await session.api.bank.post<{ status: string; financedBy: string; advanceAmount: number }>(
    `/receivables/${c.invoiceId}/finance`,
    { advanceAmount, ratePercent: f.ratePercent },
  );
  step.line(
    `${c.invoiceId}: ${money(c.amount)} receivable, ${money(financed.advanceAmount)} advanced at ${f.ratePercent} % by ${financed.financedBy} → ${financed.status}`,
  );
  let second: { status: number; code: string } | undefined;
  try {
    await session.api.bank.post(`/receivables/${c.invoiceId}/finance`, { advanceAmount, ratePercent: f.ratePercent });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    second = { status: err.status, code: err.code };
  }
  if (second?.code !== 'ALREADY_FINANCED') {
    throw new Error(`a second financing of ${c.invoiceId} was not refused as ALREADY_FINANCED`);
  }
  step.line(`financing ${c.invoiceId} again → ${second.status} ${second.code}`);
  session.story.financing = {
    receivableId: c.invoiceId,
    advanceAmount: financed.advanceAmount,
    ratePercent: f.ratePercent,
    financedBy: financed.financedBy,
    status: financed.status,
    secondAttempt: second,
  };
  session.save();
  step.proved('a receivable can be financed once, by one bank: the second attempt was refused by the chaincode');
}

/** Step 14: the SME splits another receivable and passes a part upstream to its own supplier (a second SME). */
export async function splitStep(session: DemoSession): Promise<void> {
  const { config, narrator } = session;
  const s = config.trade.split;
  const supplier = config.enterprises.supplier.id;
  const c = contractOf(session, s.line);
  const step = narrator.step('A receivable split and a part passed to a second supplier', 'financing');
  const transferred = Math.round(cents(c.amount) * (s.transferPercent / 100)) / 100;
  const kept = (cents(c.amount) - cents(transferred)) / 100;
  const parts = [
    { id: `${c.invoiceId}-a`, amount: kept },
    { id: `${c.invoiceId}-b`, amount: transferred },
  ];
  await session.api.factory.post(`/receivables/${c.invoiceId}/split`, { parts });
  await session.api.factory.post(`/receivables/${c.invoiceId}-b/transfer`, { toEnterpriseId: supplier });
  const held = await session.api.supplier.get<{ holderId: string; amount: number; status: string }>(
    `/receivables/${c.invoiceId}-b`,
  );
  const rows = [
    ['part', 'amount', 'holder'],
    [parts[0]?.id ?? '', money(kept), config.enterprises.factory.id],
    [parts[1]?.id ?? '', money(held.amount), `${held.holderId} (read with the supplier's own key)`],
  ];
  for (const line of table(rows, [1])) step.line(line);
  session.story.split = {
    receivableId: c.invoiceId,
    parts: [{ ...parts[0] }, { ...parts[1], holderId: held.holderId }],
  };
  session.save();
  step.proved(
    "the buyer's acknowledged debt now also backs the second supplier, who holds its part on the ledger and is paid directly at settlement",
  );
}

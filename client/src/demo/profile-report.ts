import type { Json } from './api-client';
import { money, n, table } from './narrator';

/** A credit profile as `GET …/credit-profile` returns it (the fields the demo prints). */
export interface CreditProfile extends Json {
  readonly enterpriseId: string;
  readonly from: string;
  readonly to: string;
  readonly score: number;
  readonly factors: readonly { name: string; value: number | null; weight: number; contribution: number }[];
  readonly production?: Json;
  readonly trade?: Json;
}

function num(figures: Json | undefined, key: string): number | undefined {
  const v = figures?.[key];
  return typeof v === 'number' ? v : undefined;
}

function pct(v: number | undefined | null): string {
  return v === undefined || v === null ? '–' : `${n(v * 100, 1)} %`;
}

function value(name: string, v: number | null): string {
  if (v === null) return 'no data';
  if (name === 'faultRate') return `${n(v, 3)} faults per run hour`;
  if (name === 'outputTrend') return `${v >= 0 ? '+' : ''}${n(v * 100, 1)} % per 30 days`;
  if (name === 'outputStability') return `daily output varies ${n(v * 100, 1)} %`;
  return pct(v);
}

/** The profile as printed lines: score, each factor's value, weight and contribution, and the figures behind them. */
export function profileLines(profile: CreditProfile): string[] {
  const p = profile.production;
  const t = profile.trade;
  const lines: string[] = [];
  lines.push(`score ${profile.score} / 1000 over ${profile.from} … ${profile.to}`);
  lines.push(
    ...table(
      [
        ['factor', 'value', 'weight', 'points'],
        ...profile.factors.map((f) => [f.name, value(f.name, f.value), String(f.weight), n(f.contribution, 1)]),
      ],
      [2, 3],
    ),
  );
  const energy = num(p, 'energyWh');
  lines.push(
    `production: ${n(num(p, 'unitsProduced') ?? 0)} good parts, ${n(num(p, 'unitsRejected') ?? 0)} rejected, ` +
      `${n(num(p, 'faultCount') ?? 0)} machine failures, ${energy === undefined ? '–' : n(energy / 1000, 0)} kWh, ` +
      `${n(num(p, 'records') ?? 0)} records on ${n(num(p, 'reportedDays') ?? 0)} days (${n(num(p, 'outputPerDay') ?? 0, 1)} parts a day)`,
  );
  if (t) {
    const outstanding = t.receivablesOutstanding as { byCurrency?: { currency: string; amount: number }[] } | undefined;
    const owed = (outstanding?.byCurrency ?? []).map((a) => money(a.amount, a.currency)).join(', ') || 'none';
    lines.push(
      `trade: ${n(num(t, 'contractsDue') ?? 0)} POs due in the window, ${n(num(t, 'receivedQty') ?? 0)} of ${n(num(t, 'contractedQty') ?? 0)} units received, ` +
        `${n(num(t, 'onTimeQty') ?? 0)} on time; ${n(num(t, 'invoicesDue') ?? 0)} invoices due (${n(num(t, 'invoicesPaidOnTime') ?? 0)} paid on time); receivables held: ${owed}`,
    );
  }
  return lines;
}

import type { DemoSession } from './demo-session';
import { loadOrCreateApiKeys } from './api-instances';
import { money, n } from './narrator';
import { dayOf, type DailySum } from './production-totals';
import type { ProductionWindow } from './replay-step';
import { writeTryEnv } from './try-env';

const DAY_MS = 86_400_000;

/** The last whole calendar month inside the window, or the window itself when it holds none. */
export function lastMonth(window: ProductionWindow): { fromDay: string; toDay: string; whole: boolean } {
  const lastDay = new Date(window.end - DAY_MS);
  for (let y = lastDay.getUTCFullYear(), m = lastDay.getUTCMonth(); ; m -= 1) {
    const first = Date.UTC(y, m, 1);
    const next = Date.UTC(y, m + 1, 1);
    if (next <= window.end && first >= window.start)
      return { fromDay: dayOf(first), toDay: dayOf(next - DAY_MS), whole: true };
    if (first < window.start) break;
  }
  return { fromDay: dayOf(window.start), toDay: dayOf(window.end - DAY_MS), whole: false };
}

/**
 * The end of the story: where to try the APIs (`try.env`, now with the trade ids), and three questions a bank
 * asks, as `curl` lines with the answers the ledger gives now.
 */
export async function bankQuestionsStep(session: DemoSession, window: ProductionWindow): Promise<void> {
  const { config, narrator, paths } = session;
  const apis = session.story.apis;
  if (!apis) throw new Error('the APIs are not running');
  const keys = loadOrCreateApiKeys(paths.apiKeys);
  const e = config.enterprises;
  const po = session.story.contracts[0];
  const financed = session.story.contracts.find((c) => c.lineId === config.trade.finance.line);
  if (!po || !financed) throw new Error('the story has no purchase orders');
  writeTryEnv(paths.tryEnv, {
    apis,
    keys,
    enterprises: e,
    trade: { po: po.contractId, poDocument: po.documentFile, invoice: financed.invoiceId },
  });

  narrator.heading('Try it');
  narrator.print(`    factory API  ${apis.factory}   keys: SME ${keys.factory}   second supplier ${keys.supplier}`);
  narrator.print(`    buyer API    ${apis.core}   key: ${keys.buyer}`);
  narrator.print(`    bank API     ${apis.bank}   key: ${keys.bank}`);
  narrator.print(
    `    every API: /docs/ (OpenAPI page), /openapi.json, /health; the gateway agent: ${session.story.agentUrl ?? ''}/health and /metrics`,
  );
  narrator.print(`    source ${session.show(paths.tryEnv)}    # sets the URLs, keys and ids used below`);

  const month = lastMonth(window);
  const days = await session.api.bank.get<DailySum[]>(`/enterprises/${e.factory.id}/production/daily`, {
    fromDay: month.fromDay,
    toDay: month.toDay,
  });
  const good = days.reduce((s, d) => s + d.unitsProduced, 0);
  const rejected = days.reduce((s, d) => s + d.unitsRejected, 0);
  const kwh = days.reduce((s, d) => s + d.energyWh, 0) / 1000;
  const verified = await session.api.bank.get<{ found: boolean; bothConfirmed: boolean; status: string }>(
    '/contracts/verify',
    { documentHash: po.documentHash },
  );
  const parts = await session.api.bank.get<
    { id: string; status: string; financedBy?: string; advanceAmount?: number }[]
  >(`/invoices/${financed.invoiceId}/receivables`);
  const financedPart = parts.find((p) => p.financedBy !== undefined);

  narrator.heading('Three questions a bank asks, and what the ledger answers');
  narrator.print(
    `    1. How much did this factory produce last month (${month.fromDay.slice(0, 7)}${month.whole ? '' : session.story.mode === 'replay' ? ', the replayed days' : ', the days so far'})?`,
  );
  narrator.print(
    `    curl -s -H "Authorization: Bearer $BANK_KEY" "$BANK_API/api/v1/enterprises/$SME/production/daily?fromDay=${month.fromDay}&toDay=${month.toDay}" | jq '.data | {goodParts: (map(.unitsProduced) | add), rejected: (map(.unitsRejected) | add), kWh: ((map(.energyWh) | add) / 1000)}'`,
  );
  narrator.print(`       → ${n(good)} good parts, ${n(rejected)} rejected, ${n(kwh, 0)} kWh`);
  narrator.print('    2. Is this purchase order real (the document the SME showed us)?');
  narrator.print(
    `    curl -s -H "Authorization: Bearer $BANK_KEY" "$BANK_API/api/v1/contracts/verify?documentHash=$(sha256sum "$PO_DOC" | cut -d' ' -f1)" | jq '.data | {found, bothConfirmed, status}'`,
  );
  narrator.print(
    `       → found: ${verified.found}, confirmed by both parties: ${verified.bothConfirmed}, status ${verified.status}`,
  );
  narrator.print('    3. Has this invoice been financed already?');
  narrator.print(
    `    curl -s -H "Authorization: Bearer $BANK_KEY" "$BANK_API/api/v1/invoices/$INVOICE/receivables" | jq '.data[] | {id, status, financedBy, advanceAmount}'`,
  );
  narrator.print(
    financedPart
      ? `       → yes: ${financedPart.id} financed by ${financedPart.financedBy ?? ''}, ${money(financedPart.advanceAmount ?? 0)} advanced (now ${financedPart.status})`
      : '       → no part of it is financed',
  );
  session.story.bankQuestions = {
    lastMonth: { ...month, unitsProduced: good, unitsRejected: rejected, energyWh: kwh * 1000 },
    po: { contractId: po.contractId, documentHash: po.documentHash, ...verified },
    invoice: { invoiceId: financed.invoiceId, financedBy: financedPart?.financedBy ?? null },
  };
  session.save();
}

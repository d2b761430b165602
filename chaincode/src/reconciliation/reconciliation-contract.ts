import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { findCallerEnterprise } from '../access/caller';
import { alreadyExists } from '../errors';
import { txTimestamp } from '../ledger/clock';
import { canonicalJson, exists } from '../ledger/store';
import { getEnterprise } from '../registry/enterprise';
import { requireActor, requireReadOfAny } from '../trade/trade-access';
import { emitEvent } from '../trade/trade-events';
import { parseId } from '../validation/fields';
import { factsForLines, unreportedFacts } from './on-chain-facts';
import { lineKey, matchStatements } from './matching';
import type { Reconciliation } from './reconciliation';
import { parseParties, parsePeriod, parseStatement } from './reconciliation-arguments';
import './reconciliation-metadata';
import { addStatement, openReconciliation, visibleTo } from './reconciliation-rules';
import { getReconciliation, putReconciliation, reconciliationKey } from './reconciliation-store';

/**
 * Multi-party reconciliation: the parties of a period each submit their own statement once; the
 * last submission matches them with each other and with the ledger's deliveries, invoices and payments.
 */
@Info({
  title: 'Reconciliation',
  description: 'Statements of several parties matched against each other and the ledger',
})
export class ReconciliationContract extends CodedContract {
  constructor() {
    super('reconciliation');
  }

  /** Opens a reconciliation of a period between 2+ registered enterprises, the caller's among them. */
  @Transaction()
  @Param('id', 'string', 'reconciliation id')
  @Param('periodJson', 'string', '{from, to}: dates or times, [from, to)')
  @Param('partiesJson', 'string', '["enterpriseId", ...], 2 or more, the caller\'s among them')
  @Returns('string')
  public async OpenReconciliation(ctx: Context, id: string, periodJson: string, partiesJson: string): Promise<string> {
    const recId = parseId(id, 'id');
    const period = parsePeriod(periodJson);
    const parties = parseParties(partiesJson);
    const actor = await requireActor(ctx);
    const rec = openReconciliation(recId, period, parties, actor, txTimestamp(ctx));
    if (await exists(ctx, reconciliationKey(ctx, recId))) {
      throw alreadyExists('reconciliation', recId);
    }
    for (const party of parties) {
      await getEnterprise(ctx, party);
    }
    await putReconciliation(ctx, rec, true);
    emitEvent(ctx, 'ReconciliationOpened', rec);
    return canonicalJson(rec);
  }

  /**
   * Submits the caller's enterprise's statement (once). The last party's submission completes the
   * reconciliation with its result.
   */
  @Transaction()
  @Param('id', 'string', 'reconciliation id')
  @Param('linesJson', 'string', '[{ref, kind: DELIVERY|INVOICE|PAYMENT, qty?, amount?}]')
  @Returns('string')
  public async SubmitStatement(ctx: Context, id: string, linesJson: string): Promise<string> {
    const lines = parseStatement(linesJson);
    const actor = await requireActor(ctx);
    const rec = await getReconciliation(ctx, parseId(id, 'id'));
    const { reconciliation, complete } = addStatement(rec, actor.enterpriseId, lines);
    if (!complete) {
      await putReconciliation(ctx, reconciliation);
      const visible = visibleTo(reconciliation, actor.enterpriseId);
      emitEvent(ctx, 'StatementSubmitted', { ...visible, statements: {} });
      return canonicalJson(visible);
    }
    const allLines = reconciliation.parties.flatMap((p) => reconciliation.statements[p] ?? []);
    const facts = await factsForLines(ctx, reconciliation.parties, allLines);
    const stated = new Set(allLines.map((l) => lineKey(l.kind, l.ref)));
    const unreported = await unreportedFacts(ctx, reconciliation.parties, reconciliation.period, stated);
    const completed: Reconciliation = {
      ...reconciliation,
      status: 'COMPLETED',
      completedAt: txTimestamp(ctx),
      result: matchStatements(reconciliation.parties, reconciliation.statements, facts, unreported),
    };
    await putReconciliation(ctx, completed);
    emitEvent(ctx, 'ReconciliationCompleted', completed);
    return canonicalJson(completed);
  }

  /**
   * The reconciliation and, once completed, its result. Readable by the parties' organisations and
   * by banks with `trade` consent from one of them; while open, a party sees only its own statement.
   */
  @Transaction(false)
  @Param('id', 'string', 'reconciliation id')
  @Returns('string')
  public async GetReconciliation(ctx: Context, id: string): Promise<string> {
    const rec = await getReconciliation(ctx, parseId(id, 'id'));
    await requireReadOfAny(ctx, rec.parties, 'trade');
    const caller = await findCallerEnterprise(ctx);
    const party = caller !== undefined && rec.parties.includes(caller.id) ? caller.id : undefined;
    return canonicalJson(visibleTo(rec, party));
  }
}

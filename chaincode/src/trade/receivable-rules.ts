import { alreadyFinanced, forbidden, invalidArgument, invalidState, limitExceeded } from '../errors';
import { fromMinorUnits, toMinorUnits } from '../ledger/money';
import type { Receivable } from './receivable';
import type { TradeActor } from './trade-party';

/** Validated financing terms, in minor units for the advance. */
export interface Terms {
  readonly advanceMinor: number;
  readonly ratePercent: number;
}

/** A validated part of a split: new receivable id and amount in minor units. */
export interface PartInput {
  readonly id: string;
  readonly amountMinor: number;
}

/** The receivable with the id within its tree (all parts of one invoice). */
function byId(tree: readonly Receivable[]): Map<string, Receivable> {
  return new Map(tree.map((r) => [r.id, r]));
}

/** The parts above `target` in its tree, nearest first. */
export function ancestorsOf(target: Receivable, tree: readonly Receivable[]): Receivable[] {
  const index = byId(tree);
  const result: Receivable[] = [];
  const seen = new Set<string>([target.id]);
  let parentId = target.parentId;
  while (parentId !== undefined && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = index.get(parentId);
    if (parent === undefined) break;
    result.push(parent);
    parentId = parent.parentId;
  }
  return result;
}

/** The parts below `target` in its tree, breadth first. */
export function descendantsOf(target: Receivable, tree: readonly Receivable[]): Receivable[] {
  const index = byId(tree);
  const result: Receivable[] = [];
  const seen = new Set<string>([target.id]);
  const queue = [...(target.children ?? [])];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const child = index.get(id);
    if (child === undefined || seen.has(id)) continue;
    seen.add(id);
    result.push(child);
    queue.push(...(child.children ?? []));
  }
  return result;
}

function requireHolder(receivable: Receivable, actor: TradeActor, action: string): void {
  if (actor.enterpriseId !== receivable.holderId) {
    throw forbidden(`only the holder (${receivable.holderId}) of receivable ${receivable.id} may ${action}`);
  }
}

/** Refuses a part that is financed, or whose parent or children are. */
function requireNotFinanced(target: Receivable, tree: readonly Receivable[]): void {
  if (target.status === 'FINANCED' || target.financedBy !== undefined) {
    throw alreadyFinanced(`receivable ${target.id} is financed already by ${target.financedBy ?? 'a bank'}`);
  }
  const financed = [...ancestorsOf(target, tree), ...descendantsOf(target, tree)].find(
    (r) => r.financedBy !== undefined,
  );
  if (financed !== undefined) {
    throw alreadyFinanced(
      `receivable ${target.id}: its part ${financed.id} is financed already by ${financed.financedBy ?? 'a bank'}`,
    );
  }
}

/**
 * A bank finances an open part once: refused with ALREADY_FINANCED when the part, a part above it
 * or a part below it is financed; the advance may not exceed the part's amount.
 * `bankId` is the financing bank's enterprise; the holder's consent is checked by the caller.
 */
export function financeReceivable(
  target: Receivable,
  tree: readonly Receivable[],
  bankId: string,
  terms: Terms,
  now: string,
): Receivable {
  requireNotFinanced(target, tree);
  if (target.status !== 'ACKNOWLEDGED') {
    throw invalidState(`receivable ${target.id} is ${target.status}; financing needs ACKNOWLEDGED`);
  }
  if (terms.advanceMinor > toMinorUnits(target.amount, 'amount')) {
    throw limitExceeded(
      `advanceAmount ${fromMinorUnits(terms.advanceMinor)} is above the ${target.amount} of receivable ${target.id}`,
    );
  }
  return {
    ...target,
    status: 'FINANCED',
    financedBy: bankId,
    financedAt: now,
    advanceAmount: fromMinorUnits(terms.advanceMinor),
    ratePercent: terms.ratePercent,
  };
}

/**
 * The holder splits an open, unfinanced part into 2+ new parts whose amounts sum exactly to it
 * (LIMIT_EXCEEDED otherwise). Returns the parent (now SPLIT) and the new parts.
 */
export function splitReceivable(
  target: Receivable,
  tree: readonly Receivable[],
  parts: readonly PartInput[],
  actor: TradeActor,
  now: string,
): { parent: Receivable; children: Receivable[] } {
  requireHolder(target, actor, 'split it');
  requireNotFinanced(target, tree);
  if (target.status !== 'ACKNOWLEDGED') {
    throw invalidState(`receivable ${target.id} is ${target.status}; splitting needs ACKNOWLEDGED`);
  }
  if (parts.length < 2) {
    throw invalidArgument('partsJson', 'must have at least 2 parts');
  }
  const ids = new Set(parts.map((p) => p.id));
  if (ids.size !== parts.length || ids.has(target.id)) {
    throw invalidArgument('partsJson', 'must give every part its own new id');
  }
  const sum = parts.reduce((acc, p) => acc + p.amountMinor, 0);
  const whole = toMinorUnits(target.amount, 'amount');
  if (sum !== whole) {
    throw limitExceeded(`the parts of receivable ${target.id} sum to ${fromMinorUnits(sum)}, not its ${target.amount}`);
  }
  const children: Receivable[] = parts.map((p) => ({
    id: p.id,
    invoiceId: target.invoiceId,
    parentId: target.id,
    buyerId: target.buyerId,
    holderId: target.holderId,
    amount: fromMinorUnits(p.amountMinor),
    currency: target.currency,
    dueDate: target.dueDate,
    status: 'ACKNOWLEDGED',
    createdAt: now,
  }));
  return { parent: { ...target, status: 'SPLIT', children: parts.map((p) => p.id) }, children };
}

/**
 * The holder passes an open, unfinanced part to another SME (`toEnterpriseId`, checked to be a
 * registered SME by the caller).
 */
export function transferReceivable(
  target: Receivable,
  tree: readonly Receivable[],
  toEnterpriseId: string,
  actor: TradeActor,
  now: string,
): Receivable {
  requireHolder(target, actor, 'transfer it');
  requireNotFinanced(target, tree);
  if (target.status !== 'ACKNOWLEDGED') {
    throw invalidState(`receivable ${target.id} is ${target.status}; transfer needs ACKNOWLEDGED`);
  }
  if (toEnterpriseId === target.holderId) {
    throw invalidArgument('toEnterpriseId', 'must differ from the current holder');
  }
  return { ...target, holderId: toEnterpriseId, transferredAt: now };
}

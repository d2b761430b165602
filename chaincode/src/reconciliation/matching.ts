import {
  LINE_KINDS,
  type LineKind,
  type LineValues,
  type ReconciliationResult,
  type ResultLine,
  type StatementLine,
} from './reconciliation';

/** A record the ledger holds between the parties, for a line of the given kind and ref. */
export interface OnChainFact {
  readonly kind: LineKind;
  readonly ref: string;
  readonly values: LineValues;
}

/** The identity of a line across statements: its kind and its ref. */
export function lineKey(kind: LineKind, ref: string): string {
  return `${kind}\u0000${ref}`;
}

const FIELDS = ['qty', 'amount'] as const;

function show(value: number | undefined): string {
  return value === undefined ? 'none' : String(value);
}

function compare(
  parties: readonly string[],
  values: Record<string, LineValues | null>,
  onChain: LineValues | null,
): string[] {
  const problems: string[] = [];
  for (const field of FIELDS) {
    const stated = parties.map((p) => values[p]?.[field]);
    const anyStated = stated.some((v) => v !== undefined);
    if (!anyStated) continue;
    const partiesDisagree = stated.some((v) => v !== stated[0]);
    const ledger = onChain?.[field];
    const ledgerDisagrees = ledger !== undefined && stated.some((v) => v !== ledger);
    if (partiesDisagree || ledgerDisagrees) {
      const listed = parties.map((p, i) => `${p} ${show(stated[i])}`);
      if (ledger !== undefined) listed.push(`ledger ${show(ledger)}`);
      problems.push(`${field} differs: ${listed.join(', ')}`);
    }
  }
  return problems;
}

/**
 * Matches the parties' statements line by line (a line is identified by kind and ref) against each
 * other and against the ledger. A line is MISSING when a party's statement lacks it (including a
 * ledger record between the parties in the period that no statement lists), MISMATCHED when a
 * stated quantity or amount differs between parties or from the ledger, or when the ledger holds no
 * such record between the parties, and MATCHED otherwise. Lines are ordered by kind, then ref.
 *
 * `facts` holds what the ledger records for each stated line (absent: not on the ledger);
 * `unreported` lists ledger records of the period that no statement mentions.
 */
export function matchStatements(
  parties: readonly string[],
  statements: Readonly<Record<string, readonly StatementLine[]>>,
  facts: ReadonlyMap<string, LineValues>,
  unreported: readonly OnChainFact[],
): ReconciliationResult {
  const lines = new Map<string, { kind: LineKind; ref: string; values: Record<string, LineValues | null> }>();
  const entry = (
    kind: LineKind,
    ref: string,
  ): { kind: LineKind; ref: string; values: Record<string, LineValues | null> } => {
    const key = lineKey(kind, ref);
    let line = lines.get(key);
    if (line === undefined) {
      line = { kind, ref, values: Object.fromEntries(parties.map((p) => [p, null])) };
      lines.set(key, line);
    }
    return line;
  };
  for (const party of parties) {
    for (const l of statements[party] ?? []) {
      const values: LineValues = {
        ...(l.qty !== undefined ? { qty: l.qty } : {}),
        ...(l.amount !== undefined ? { amount: l.amount } : {}),
      };
      entry(l.kind, l.ref).values[party] = values;
    }
  }
  const extra = new Map(unreported.map((f) => [lineKey(f.kind, f.ref), f.values]));
  for (const fact of unreported) {
    entry(fact.kind, fact.ref);
  }
  const result: ResultLine[] = [];
  for (const line of lines.values()) {
    const key = lineKey(line.kind, line.ref);
    const onChain = facts.get(key) ?? extra.get(key) ?? null;
    const missingFrom = parties.filter((p) => line.values[p] === null);
    let status: ResultLine['status'] = 'MATCHED';
    let reason: string | undefined;
    if (missingFrom.length > 0) {
      status = 'MISSING';
      reason = `missing from ${missingFrom.join(', ')}`;
    } else {
      const problems = compare(parties, line.values, onChain);
      if (onChain === null) problems.push('no such record between the parties on the ledger');
      if (problems.length > 0) {
        status = 'MISMATCHED';
        reason = problems.join('; ');
      }
    }
    result.push({
      ref: line.ref,
      kind: line.kind,
      status,
      values: line.values,
      onChain,
      missingFrom,
      ...(reason !== undefined ? { reason } : {}),
    });
  }
  result.sort(
    (a, b) => LINE_KINDS.indexOf(a.kind) - LINE_KINDS.indexOf(b.kind) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
  );
  return {
    matched: result.filter((l) => l.status === 'MATCHED').length,
    mismatched: result.filter((l) => l.status === 'MISMATCHED').length,
    missing: result.filter((l) => l.status === 'MISSING').length,
    lines: result,
  };
}

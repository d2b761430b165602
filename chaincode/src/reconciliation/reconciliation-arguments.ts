import { invalidArgument } from '../errors';
import { fromMinorUnits } from '../ledger/money';
import { Fields, parseId, parseJsonArray, parseJsonObject } from '../validation/fields';
import { compareMoments } from '../trade/trade-time';
import { LINE_KINDS, type Period, type StatementLine } from './reconciliation';
import { lineKey } from './matching';

/** Largest number of parties of one reconciliation. */
export const MAX_PARTIES = 20;
/** Largest number of lines of one statement. */
export const MAX_LINES = 2000;

/** Parses `periodJson` `{from, to}`: dates or times, `from` before `to`. */
export function parsePeriod(text: string): Period {
  const f = new Fields(parseJsonObject(text, 'periodJson'), 'periodJson', ['from', 'to']);
  const from = f.dateOrTimestamp('from');
  const to = f.dateOrTimestamp('to');
  if (compareMoments(from, to) >= 0) {
    throw invalidArgument('periodJson.to', 'must be after from');
  }
  return { from, to };
}

/** Parses `partiesJson`: 2 or more distinct enterprise ids. */
export function parseParties(text: string): string[] {
  const raw = parseJsonArray(text, 'partiesJson');
  if (raw.length < 2 || raw.length > MAX_PARTIES) {
    throw invalidArgument('partiesJson', `must name 2 to ${MAX_PARTIES} enterprises`);
  }
  const parties = raw.map((p, i) => parseId(p, `partiesJson[${i}]`));
  if (new Set(parties).size !== parties.length) {
    throw invalidArgument('partiesJson', 'must not repeat an enterprise');
  }
  return parties;
}

/** Parses `linesJson`: `[{ref, kind, qty?, amount?}]`, each with a qty or an amount, no line twice. */
export function parseStatement(text: string): StatementLine[] {
  const raw = parseJsonArray(text, 'linesJson');
  if (raw.length > MAX_LINES) {
    throw invalidArgument('linesJson', `must have at most ${MAX_LINES} lines`);
  }
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const path = `linesJson[${i}]`;
    const f = new Fields(item, path, ['ref', 'kind', 'qty', 'amount']);
    const ref = f.string('ref', { max: 128 });
    const kind = f.oneOf('kind', LINE_KINDS);
    if (!f.has('qty') && !f.has('amount')) {
      throw invalidArgument(path, 'must give a qty or an amount');
    }
    const key = lineKey(kind, ref);
    if (seen.has(key)) {
      throw invalidArgument(path, `repeats ${kind} ${ref}`);
    }
    seen.add(key);
    return {
      ref,
      kind,
      ...(f.has('qty') ? { qty: f.integer('qty') } : {}),
      ...(f.has('amount') ? { amount: fromMinorUnits(f.moneyMinor('amount')) } : {}),
    };
  });
}

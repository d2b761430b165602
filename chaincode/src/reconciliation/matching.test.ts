import { lineKey, matchStatements } from './matching';
import type { LineValues, StatementLine } from './reconciliation';

const parties = ['sme-1', 'core-1'];

function facts(entries: [StatementLine['kind'], string, LineValues][]): Map<string, LineValues> {
  return new Map(entries.map(([kind, ref, values]) => [lineKey(kind, ref), values]));
}

describe('matchStatements', () => {
  it('matches lines both parties state alike and the ledger confirms', () => {
    const line: StatementLine = { ref: 'dl-1', kind: 'DELIVERY', qty: 600 };
    const result = matchStatements(
      parties,
      { 'sme-1': [line], 'core-1': [line] },
      facts([['DELIVERY', 'dl-1', { qty: 600 }]]),
      [],
    );
    expect(result).toEqual({
      matched: 1,
      mismatched: 0,
      missing: 0,
      lines: [
        {
          ref: 'dl-1',
          kind: 'DELIVERY',
          status: 'MATCHED',
          values: { 'sme-1': { qty: 600 }, 'core-1': { qty: 600 } },
          onChain: { qty: 600 },
          missingFrom: [],
        },
      ],
    });
  });

  it('reports a quantity the parties state differently, with each value and the ledger', () => {
    const result = matchStatements(
      parties,
      {
        'sme-1': [{ ref: 'dl-1', kind: 'DELIVERY', qty: 600 }],
        'core-1': [{ ref: 'dl-1', kind: 'DELIVERY', qty: 590 }],
      },
      facts([['DELIVERY', 'dl-1', { qty: 590 }]]),
      [],
    );
    expect(result.lines[0]).toEqual({
      ref: 'dl-1',
      kind: 'DELIVERY',
      status: 'MISMATCHED',
      values: { 'sme-1': { qty: 600 }, 'core-1': { qty: 590 } },
      onChain: { qty: 590 },
      missingFrom: [],
      reason: 'qty differs: sme-1 600, core-1 590, ledger 590',
    });
    expect(result.mismatched).toBe(1);
  });

  it('reports parties that agree with each other but not with the ledger', () => {
    const line: StatementLine = { ref: 'inv-1', kind: 'INVOICE', amount: 500 };
    const result = matchStatements(
      parties,
      { 'sme-1': [line], 'core-1': [line] },
      facts([['INVOICE', 'inv-1', { amount: 570 }]]),
      [],
    );
    expect(result.lines[0]).toMatchObject({
      status: 'MISMATCHED',
      reason: 'amount differs: sme-1 500, core-1 500, ledger 570',
    });
  });

  it('reports a stated field one party leaves out', () => {
    const result = matchStatements(
      parties,
      {
        'sme-1': [{ ref: 'inv-1', kind: 'INVOICE', amount: 570, qty: 600 }],
        'core-1': [{ ref: 'inv-1', kind: 'INVOICE', amount: 570 }],
      },
      facts([['INVOICE', 'inv-1', { amount: 570 }]]),
      [],
    );
    expect(result.lines[0]).toMatchObject({ status: 'MISMATCHED', reason: 'qty differs: sme-1 600, core-1 none' });
  });

  it('reports lines the ledger does not hold between the parties as mismatched', () => {
    const line: StatementLine = { ref: 'wire-9', kind: 'PAYMENT', amount: 10 };
    const result = matchStatements(parties, { 'sme-1': [line], 'core-1': [line] }, new Map(), []);
    expect(result.lines[0]).toMatchObject({
      status: 'MISMATCHED',
      onChain: null,
      reason: 'no such record between the parties on the ledger',
    });
  });

  it('reports a line missing from a party, and ledger records that no statement lists', () => {
    const result = matchStatements(
      parties,
      { 'sme-1': [{ ref: 'inv-1', kind: 'INVOICE', amount: 570 }], 'core-1': [] },
      facts([['INVOICE', 'inv-1', { amount: 570 }]]),
      [{ kind: 'DELIVERY', ref: 'dl-2', values: { qty: 100 } }],
    );
    expect(result).toMatchObject({ matched: 0, mismatched: 0, missing: 2 });
    expect(result.lines).toEqual([
      {
        ref: 'dl-2',
        kind: 'DELIVERY',
        status: 'MISSING',
        values: { 'sme-1': null, 'core-1': null },
        onChain: { qty: 100 },
        missingFrom: ['sme-1', 'core-1'],
        reason: 'missing from sme-1, core-1',
      },
      {
        ref: 'inv-1',
        kind: 'INVOICE',
        status: 'MISSING',
        values: { 'sme-1': { amount: 570 }, 'core-1': null },
        onChain: { amount: 570 },
        missingFrom: ['core-1'],
        reason: 'missing from core-1',
      },
    ]);
  });

  it('lists lines by kind then ref, and tells a delivery from an invoice with the same ref', () => {
    const lines: StatementLine[] = [
      { ref: 'x-2', kind: 'PAYMENT', amount: 1 },
      { ref: 'x-1', kind: 'INVOICE', amount: 1 },
      { ref: 'x-1', kind: 'DELIVERY', qty: 1 },
      { ref: 'x-0', kind: 'INVOICE', amount: 1 },
    ];
    const result = matchStatements(parties, { 'sme-1': lines, 'core-1': lines }, new Map(), []);
    expect(result.lines.map((l) => `${l.kind}:${l.ref}`)).toEqual([
      'DELIVERY:x-1',
      'INVOICE:x-0',
      'INVOICE:x-1',
      'PAYMENT:x-2',
    ]);
  });

  it('matches across three parties only when all three agree', () => {
    const three = ['sme-1', 'core-1', 'bank-1'];
    const line: StatementLine = { ref: 'wire-1', kind: 'PAYMENT', amount: 570 };
    const fact = facts([['PAYMENT', 'wire-1', { amount: 570 }]]);
    expect(matchStatements(three, { 'sme-1': [line], 'core-1': [line], 'bank-1': [line] }, fact, []).matched).toBe(1);
    const off = matchStatements(
      three,
      { 'sme-1': [line], 'core-1': [line], 'bank-1': [{ ...line, amount: 569.99 }] },
      fact,
      [],
    );
    expect(off.lines[0]?.reason).toBe('amount differs: sme-1 570, core-1 570, bank-1 569.99, ledger 570');
  });
});

import type { Context } from 'fabric-contract-api';
import stringifyDeterministic from 'json-stringify-deterministic';
import { FakeLedger } from '../testing/fake-ledger';
import { fakeIdentity } from '../testing/fake-identity';
import {
  canonicalJson,
  compositeKey,
  getObject,
  listByPartialKey,
  mustGetObject,
  printableKey,
  putObject,
  readHistory,
  readPage,
  readRange,
  unmarshal,
} from './store';

const user = fakeIdentity('factory', 'User1');

async function seed(ledger: FakeLedger): Promise<void> {
  await ledger.submit(user, async (ctx) => {
    for (const dev of ['d1', 'd2']) {
      for (let i = 0; i < 5; i += 1) {
        await putObject(ctx, compositeKey(ctx, 'item', ['e1', dev, `t${i}`]), { dev, i });
      }
    }
    await putObject(ctx, compositeKey(ctx, 'item', ['e2', 'd1', 't0']), { other: true });
  });
}

describe('store', () => {
  it('writes the same canonical JSON text as json-stringify-deterministic, which wrote earlier records', () => {
    const values: unknown[] = [
      { b: 1, a: { d: 2, c: [3] }, u: undefined },
      { z: [undefined, () => 1, null, { y: undefined }, [], {}], a: '', é: 'ü\u0000"\\', '10': 1, '9': 2, B: -0 },
      { n: [NaN, Infinity, -Infinity, 1e21, 5e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER], t: true, f: false },
      { when: new Date(Date.UTC(2024, 1, 29, 12)), nested: { toJSON: () => ({ b: 2, a: 1 }) } },
      [{ b: 2, a: 1 }, 'x', 3],
      'text',
      42,
      null,
      {},
    ];
    for (const value of values) {
      expect(canonicalJson(value)).toBe(stringifyDeterministic(value));
    }
  });

  it('refuses a value that refers to itself instead of writing a placeholder', () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('writes canonical JSON with sorted keys and refuses non-objects on read', async () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3] }, u: undefined })).toBe('{"a":{"c":[3],"d":2},"b":1}');
    expect(() => unmarshal(new TextEncoder().encode('[1]'))).toThrow('INVALID_STATE');
    expect(() => unmarshal(new TextEncoder().encode('"x"'))).toThrow('INVALID_STATE');
    const ledger = new FakeLedger();
    await ledger.submit(user, (ctx) => putObject(ctx, 'k', { z: 1, a: 2 }));
    expect(ledger.getText('k')).toBe('{"a":2,"z":1}');
    await ledger.evaluate(user, async (ctx) => {
      expect(await getObject(ctx, 'k')).toEqual({ a: 2, z: 1 });
      expect(await getObject(ctx, 'missing')).toBeUndefined();
      await expect(mustGetObject(ctx, 'missing', 'device', 'e1/d9')).rejects.toThrow(
        'NOT_FOUND: device e1/d9 does not exist',
      );
    });
  });

  it('lists a partial composite key in key order', async () => {
    const ledger = new FakeLedger();
    await seed(ledger);
    await ledger.evaluate(user, async (ctx) => {
      const entries = await listByPartialKey<{ i: number }>(ctx, 'item', ['e1', 'd2']);
      expect(entries.map((e) => e.value.i)).toEqual([0, 1, 2, 3, 4]);
      expect(printableKey(entries[0]!.key)).toBe('item/e1/d2/t0');
    });
  });

  it('pages within a prefix with bookmarks and bounds', async () => {
    const ledger = new FakeLedger();
    await seed(ledger);
    const read = (ctx: Context, bookmark: string) =>
      readPage<{ dev: string; i: number }>(ctx, 'item', ['e1'], {
        pageSize: 3,
        bookmark,
        fromParts: ['d1', 't2'],
        toParts: ['d2', 't3'],
      });
    await ledger.evaluate(user, async (ctx) => {
      const first = await read(ctx, '');
      expect(first.records.map((r) => `${r.value.dev}${r.value.i}`)).toEqual(
        ['d1t2', 'd1t3', 'd1t4'].map((s) => s.replace('t', '')),
      );
      expect(first.fetchedCount).toBe(3);
      expect(first.bookmark).not.toBe('');
      const second = await read(ctx, first.bookmark);
      expect(second.records.map((r) => `${r.value.dev}${r.value.i}`)).toEqual(['d20', 'd21', 'd22']);
      // the next key (d2/t3) is the exclusive end: no further page
      expect(second.bookmark).toBe('');
    });
    await ledger.evaluate(user, async (ctx) => {
      const all = await readRange(ctx, 'item', ['e1'], {});
      expect(all).toHaveLength(10);
      await expect(readRange(ctx, 'item', ['e1'], { limit: 4, limitField: 'window' })).rejects.toThrow(
        'INVALID_ARGUMENT: window covers more than 4 records',
      );
    });
  });

  it('returns an empty last page when nothing matches (fabric-shim then sends no metadata)', async () => {
    const ledger = new FakeLedger();
    await seed(ledger);
    await ledger.evaluate(user, async (ctx) => {
      expect(await readPage(ctx, 'item', ['e9'], { pageSize: 10, bookmark: '' })).toEqual({
        records: [],
        bookmark: '',
        fetchedCount: 0,
      });
      expect(await readRange(ctx, 'item', ['e1'], { fromParts: ['d3'] })).toEqual([]);
    });
  });

  it('refuses a bookmark from another prefix, which could otherwise read past the caller’s range', async () => {
    const ledger = new FakeLedger();
    await seed(ledger);
    await ledger.evaluate(user, async (ctx) => {
      const foreign = compositeKey(ctx, 'item', ['e0']);
      await expect(readPage(ctx, 'item', ['e2'], { pageSize: 10, bookmark: foreign })).rejects.toThrow(
        'INVALID_ARGUMENT: bookmark does not belong to this query',
      );
    });
  });

  it('reads history oldest first with transaction ids and times', async () => {
    const ledger = new FakeLedger('2024-05-01T00:00:00.000Z');
    await ledger.submit(user, (ctx) => putObject(ctx, 'h', { v: 1 }));
    await ledger.submit(user, (ctx) => ctx.stub.deleteState('h'));
    await ledger.submit(user, (ctx) => putObject(ctx, 'h', { v: 3 }));
    const history = await ledger.evaluate(user, (ctx) => readHistory(ctx, 'h'));
    expect(history).toEqual([
      { txId: 'tx000001', timestamp: '2024-05-01T00:00:00.000Z', isDelete: false, value: { v: 1 } },
      { txId: 'tx000002', timestamp: '2024-05-01T00:00:01.000Z', isDelete: true, value: null },
      { txId: 'tx000003', timestamp: '2024-05-01T00:00:02.000Z', isDelete: false, value: { v: 3 } },
    ]);
  });
});

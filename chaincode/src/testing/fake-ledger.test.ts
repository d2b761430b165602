import { putObject, getObject, compositeKey, listByPartialKey } from '../ledger/store';
import { txTimestamp } from '../ledger/clock';
import { FakeLedger } from './fake-ledger';
import { fakeIdentity } from './fake-identity';

const user = fakeIdentity('factory', 'User1');

describe('FakeLedger', () => {
  it('gives each transaction an id, a timestamp and the caller identity', async () => {
    const ledger = new FakeLedger('2024-01-01T00:00:00.000Z');
    const seen = await ledger.evaluate(user, (ctx) =>
      Promise.resolve({ id: ctx.clientIdentity.getID(), msp: ctx.clientIdentity.getMSPID(), ts: txTimestamp(ctx) }),
    );
    expect(seen).toEqual({
      id: 'x509::/C=US/ST=California/L=San Francisco/OU=client/CN=User1@factory.scc.example::/C=US/ST=California/L=San Francisco/O=factory.scc.example/CN=ca.factory.scc.example',
      msp: 'FactoryOrgMSP',
      ts: '2024-01-01T00:00:00.000Z',
    });
  });

  it('does not let a transaction read its own writes, and discards writes of a failed one', async () => {
    const ledger = new FakeLedger();
    await ledger.submit(user, async (ctx) => {
      await putObject(ctx, 'a', { v: 1 });
      expect(await getObject(ctx, 'a')).toBeUndefined();
    });
    await expect(
      ledger.submit(user, async (ctx) => {
        await putObject(ctx, 'b', { v: 1 });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(ledger.keys()).toEqual(['a']);
  });

  it('fails the later of two transactions that read and write the same key (MVCC_READ_CONFLICT)', async () => {
    const ledger = new FakeLedger();
    const t1 = ledger.begin(user);
    const t2 = ledger.begin(user);
    for (const t of [t1, t2]) {
      await getObject(t.ctx, 'counter');
      await putObject(t.ctx, 'counter', { by: t.txId });
    }
    expect(ledger.commit(t1)).toBe('VALID');
    expect(ledger.commit(t2)).toBe('MVCC_READ_CONFLICT');
  });

  it('detects phantoms in range reads, and lets disjoint ranges commit', async () => {
    const ledger = new FakeLedger();
    const t1 = ledger.begin(user);
    const t2 = ledger.begin(user);
    const t3 = ledger.begin(user);
    await listByPartialKey(t1.ctx, 'r', ['x']);
    await putObject(t1.ctx, compositeKey(t1.ctx, 'r', ['x', '1']), { v: 1 });
    await listByPartialKey(t2.ctx, 'r', ['x']);
    await putObject(t2.ctx, compositeKey(t2.ctx, 'r', ['x', '2']), { v: 2 });
    await listByPartialKey(t3.ctx, 'r', ['y']);
    await putObject(t3.ctx, compositeKey(t3.ctx, 'r', ['y', '1']), { v: 3 });
    expect(ledger.commit(t1)).toBe('VALID');
    expect(ledger.commit(t2)).toBe('PHANTOM_READ_CONFLICT');
    expect(ledger.commit(t3)).toBe('VALID');
  });

  it('refuses writes after a paged query and paged queries after writes, like a peer', async () => {
    const ledger = new FakeLedger();
    const t1 = ledger.begin(user);
    await t1.ctx.stub.getStateByPartialCompositeKeyWithPagination('r', [], 10, '');
    await expect(t1.ctx.stub.putState('a', new TextEncoder().encode('{}'))).rejects.toThrow('paginated');
    const t2 = ledger.begin(user);
    await t2.ctx.stub.putState('a', new TextEncoder().encode('{}'));
    await expect(t2.ctx.stub.getStateByPartialCompositeKeyWithPagination('r', [], 10, '')).rejects.toThrow('paginated');
  });

  it('refuses composite keys in simple range queries, like fabric-shim', () => {
    const ledger = new FakeLedger();
    const t = ledger.begin(user);
    expect(() => t.ctx.stub.getStateByRange(t.ctx.stub.createCompositeKey('a', ['b']), '')).toThrow('null character');
  });
});

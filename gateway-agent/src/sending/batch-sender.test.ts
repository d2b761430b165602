import pino from 'pino';
import { openAgentDatabase } from '../storage/agent-database';
import { Outbox } from '../storage/outbox';
import { SampleStore } from '../storage/sample-store';
import { FakeLedger } from '../testing/fake-ledger';
import { closeTestPeriods } from '../testing/fixtures';
import { BatchSender } from './batch-sender';

const T0 = Date.UTC(2024, 0, 1);

function setup(records: number, batchSize = 4) {
  const db = openAgentDatabase(':memory:');
  const store = new SampleStore(db);
  closeTestPeriods(store, T0, records);
  const outbox = new Outbox(db);
  const ledger = new FakeLedger();
  const sender = new BatchSender({
    outbox,
    ledger,
    batchSize,
    retry: { initialMs: 100, maxMs: 1000 },
    idleMs: 10,
    logger: pino({ level: 'silent' }),
    random: () => 0,
  });
  return { outbox, ledger, sender };
}

describe('BatchSender', () => {
  it('sends the outbox in order, in batches, and removes what committed', async () => {
    const { outbox, ledger, sender } = setup(10);
    const steps = [];
    for (let i = 0; i < 4; i++) steps.push((await sender.step()).type);
    expect(steps).toEqual(['committed', 'committed', 'committed', 'idle']);
    expect(ledger.batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(outbox.depth()).toEqual({ pending: 0, parked: 0 });
  });

  it('keeps a batch the network could not take and retries it with growing delays', async () => {
    const { outbox, ledger, sender } = setup(3);
    ledger.script.push('unavailable', 'mvcc', 'unavailable');
    const delays = [];
    for (let i = 0; i < 3; i++) {
      const step = await sender.step();
      if (step.type !== 'retry') throw new Error(`expected a retry, got ${step.type}`);
      delays.push([step.error.code, step.delayMs]);
    }
    expect(delays).toEqual([
      ['UNAVAILABLE', 100],
      ['MVCC_READ_CONFLICT', 200],
      ['UNAVAILABLE', 400],
    ]);
    expect(outbox.pending(10).map((e) => e.attempts)).toEqual([3, 3, 3]);
    expect(await sender.step()).toMatchObject({ type: 'committed', count: 3 });
    expect(outbox.depth().pending).toBe(0);
    expect(ledger.stored.size).toBe(3);
  });

  it('sends again a batch whose commit status was lost; the ledger holds each record once', async () => {
    const { outbox, ledger, sender } = setup(2);
    ledger.script.push('commit-then-deadline');
    expect((await sender.step()).type).toBe('retry');
    expect(outbox.depth().pending).toBe(2);
    expect(await sender.step()).toMatchObject({ type: 'committed', count: 2 });
    expect(ledger.batches).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(ledger.stored.size).toBe(2);
  });

  it('narrows a refused batch down to the refused record, parks it and sends the rest', async () => {
    const { outbox, ledger, sender } = setup(8);
    ledger.refuse = (r) => r.unitsProduced === 5;
    const steps = [];
    for (let step = await sender.step(); step.type !== 'idle'; step = await sender.step()) steps.push(step.type);
    expect(steps).toEqual(['committed', 'split', 'split', 'committed', 'split', 'parked', 'committed']);
    expect(ledger.batches).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [4, 5], [4], [5, 6], [5], [6, 7]]);
    expect([...ledger.stored.values()].map((r) => r.unitsProduced).sort()).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(outbox.depth()).toEqual({ pending: 0, parked: 1 });
    expect(outbox.parked()[0]?.lastError).toBe('FORBIDDEN: not the gateway of m-1');
  });

  it('drains the outbox in the background until stopped', async () => {
    const { outbox, ledger, sender } = setup(9);
    ledger.script.push('unavailable');
    const drained = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (outbox.depth().pending === 0) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    sender.start();
    await drained;
    await sender.stop();
    expect(ledger.stored.size).toBe(9);
  });
});

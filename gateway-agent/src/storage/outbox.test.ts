import { closeTestPeriods } from '../testing/fixtures';
import { openAgentDatabase } from './agent-database';
import { Outbox } from './outbox';
import { SampleStore } from './sample-store';

const T0 = Date.UTC(2024, 0, 1);

function fill(count: number) {
  const db = openAgentDatabase(':memory:');
  const store = new SampleStore(db);
  closeTestPeriods(store, T0, count);
  return new Outbox(db);
}

describe('Outbox', () => {
  it('hands out pending records in order and removes them only when committed', () => {
    const outbox = fill(5);
    const first = outbox.pending(3);
    expect(first.map((e) => e.record.unitsProduced)).toEqual([0, 1, 2]);
    outbox.failed(first, 'UNAVAILABLE');
    expect(outbox.pending(3).map((e) => [e.record.unitsProduced, e.attempts, e.lastError])).toEqual([
      [0, 1, 'UNAVAILABLE'],
      [1, 1, 'UNAVAILABLE'],
      [2, 1, 'UNAVAILABLE'],
    ]);
    outbox.committed(first, 'tx-1');
    expect(outbox.pending(10).map((e) => e.record.unitsProduced)).toEqual([3, 4]);
    expect(outbox.committedTx('m-1', T0)).toBe('tx-1');
    expect(outbox.depth()).toEqual({ pending: 2, parked: 0 });
  });

  it('parks refused records and requeues them on request', () => {
    const outbox = fill(3);
    const [first] = outbox.pending(1);
    outbox.park(first!, 'FORBIDDEN: not the gateway of device m-1');
    expect(outbox.depth()).toEqual({ pending: 2, parked: 1 });
    expect(outbox.pending(10).map((e) => e.record.unitsProduced)).toEqual([1, 2]);
    expect(outbox.parked()[0]?.lastError).toBe('FORBIDDEN: not the gateway of device m-1');
    expect(outbox.requeueParked()).toBe(1);
    expect(outbox.pending(10).map((e) => e.record.unitsProduced)).toEqual([0, 1, 2]);
  });
});

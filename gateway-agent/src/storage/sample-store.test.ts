import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceRecorder } from '../aggregation/device-recorder';
import { canonicalSample, samplesDigest } from '../sampling/canonical-sample';
import { Sample } from '../sampling/sample';
import { testDevice } from '../testing/fixtures';
import { openAgentDatabase, type AgentDatabase } from './agent-database';
import { Outbox } from './outbox';
import { SampleStore } from './sample-store';

const T0 = Date.UTC(2024, 0, 1);

const device = testDevice();

const good = (s: number, parts: number): Sample => ({
  deviceId: 'press-1',
  t: T0 + s * 1000,
  words: { good: [parts], run: [1] },
});

/** Databases opened and folders made by a test, closed and removed after it. */
const opened: AgentDatabase[] = [];
const made: string[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(file: string) {
  const db = openAgentDatabase(file);
  opened.push(db);
  const store = new SampleStore(db);
  const recorder = new DeviceRecorder({ enterpriseId: 'sme-1', device, periodSeconds: 10, store });
  return { db, store, recorder, outbox: new Outbox(db) };
}

describe('SampleStore with DeviceRecorder', () => {
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-db-'));
    made.push(dir);
    return join(dir, 'agent.sqlite');
  };

  it('puts each closed period into the outbox with the digest of its stored samples', () => {
    const { recorder, store, outbox } = open(file());
    const samples = [good(0, 1), { deviceId: 'press-1', t: T0 + 4000, error: 'TIMEOUT' }, good(8, 6), good(10, 9)];
    const results = samples.map((s) => recorder.record(s));
    expect(results.map((r) => r.closed.length)).toEqual([0, 0, 0, 1]);
    const expectedDigest = samplesDigest(samples.slice(0, 3).map(canonicalSample));
    expect(results[3]?.closed[0]).toEqual({
      enterpriseId: 'sme-1',
      deviceId: 'press-1',
      periodStart: '2024-01-01T00:00:00.000Z',
      periodEnd: '2024-01-01T00:00:10.000Z',
      unitsProduced: 8, // 1 -> 6, then 6 -> 9 across the boundary (the span began in this period)
      unitsRejected: 0,
      runSeconds: 5, // 0-3 (held three poll intervals) and 8-10
      idleSeconds: 0,
      downSeconds: 0,
      faultCount: 0,
      sampleCount: 2,
      samplesDigest: expectedDigest,
    });
    expect(store.sampleLines('press-1', T0)).toEqual(samples.slice(0, 3).map(canonicalSample));
    expect(store.period('press-1', T0)?.samplesDigest).toBe(expectedDigest);
    const pending = outbox.pending(10);
    expect(pending.map((e) => [e.deviceId, e.periodStart, e.record.unitsProduced])).toEqual([['press-1', T0, 8]]);
  });

  it('resumes after a restart exactly where the last stored sample left it', () => {
    const path = file();
    const first = open(path);
    first.recorder.record(good(0, 100));
    first.recorder.record(good(4, 103));
    first.db.close();
    const second = open(path);
    expect(second.recorder.state.last?.counters.goodCount).toBe(103);
    second.recorder.record(good(7, 110));
    const { closed } = second.recorder.record(good(11, 111));
    expect(closed[0]).toMatchObject({ unitsProduced: 11, sampleCount: 3 });
  });

  it('closes the open period at shutdown into the outbox and never reopens it', () => {
    const path = file();
    const first = open(path);
    first.recorder.record(good(0, 1));
    first.recorder.record(good(2.5, 4));
    expect(first.recorder.closeNow()).toMatchObject({ periodEnd: '2024-01-01T00:00:03.000Z', unitsProduced: 3 });
    first.db.close();
    const second = open(path);
    second.recorder.record(good(5, 6));
    const { closed } = second.recorder.record(good(10, 6));
    expect(closed[0]).toMatchObject({ periodStart: '2024-01-01T00:00:03.000Z', unitsProduced: 2 });
    expect(second.outbox.pending(10).map((e) => e.record.periodStart)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:03.000Z',
    ]);
  });
});

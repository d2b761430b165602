import {
  Agent,
  agentConfigSchema,
  BatchSender,
  DeviceRecorder,
  type ProductionLedger,
  type ProductionRecord,
  type SubmitResult,
} from '@sme-credit-chain/gateway-agent';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { agentRegisters } from './device-map';
import { nowMs, round } from './stats';

/** A ledger that commits every batch at once: the outbox's own cost, without the network's. */
class InstantLedger implements ProductionLedger {
  committed = 0;
  #tx = 0;

  submitRecords(records: readonly ProductionRecord[]): Promise<SubmitResult> {
    this.committed += records.length;
    this.#tx += 1;
    return Promise.resolve({ transactionId: `tx-${this.#tx}`, written: records.length, unchanged: 0 });
  }

  getRecord(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  whoAmI(): Promise<{ identityId: string; mspId: string }> {
    return Promise.resolve({ identityId: 'bench', mspId: 'FactoryOrgMSP' });
  }

  close(): void {
    return;
  }
}

/** Raw words of one good poll of the benchmark register map. */
function words(i: number): Record<string, number[]> {
  return {
    clock: [0, i & 0xffff],
    running: [1],
    fault: [0],
    good_parts: [0, i & 0xffff],
    rejected_parts: [0, 0],
    failures: [0, 0],
    air_temperature: [0x4395, 0x8000],
    process_temperature: [0x439b, 0x0000],
    spindle_rpm: [1500],
    torque: [400],
  };
}

/** Options of {@link runOutboxBench}. */
export type OutboxBenchOptions = Readonly<{ seconds: number; batchSize: number }>;

/**
 * The agent's durable path without Modbus and without the network, on its public surface: the
 * recorder stores one sample per 1-second period (each sample closes a period into the outbox, in
 * one SQLite transaction, as in the agent), while the batch sender drains the outbox to a ledger
 * that commits at once. Reports appends and drains per second, side by side, and each alone.
 */
export async function runOutboxBench(options: OutboxBenchOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-bench-outbox-'));
  const config = agentConfigSchema.parse({
    enterpriseId: 'bench-outbox',
    stateDir: dir,
    period: { seconds: 1 },
    log: { level: 'info' },
    fabric: {
      peerEndpoint: '127.0.0.1:1',
      tlsCaCert: 'unused',
      mspId: 'FactoryOrgMSP',
      certificate: 'unused',
      privateKey: 'unused',
    },
    outbox: { batchSize: options.batchSize, idleMs: 50 },
    devices: [
      {
        id: 'machine-1',
        connection: { type: 'tcp', host: '127.0.0.1', port: 1 },
        unitId: 1,
        registers: agentRegisters,
      },
    ],
  });
  const logger = pino({ level: 'info' }, pino.destination({ dest: path.join(dir, 'outbox-bench.log'), sync: true }));
  const ledger = new InstantLedger();
  const agent = new Agent({ config, ledger, logger, drainOnStopMs: 0 });
  const device = config.devices[0];
  if (!device) throw new Error('no device');
  const recorder = new DeviceRecorder({
    enterpriseId: config.enterpriseId,
    device,
    periodSeconds: 1,
    store: agent.store,
  });
  const sender = new BatchSender({
    outbox: agent.outbox,
    ledger,
    batchSize: options.batchSize,
    retry: { initialMs: 100, maxMs: 1000 },
    idleMs: 50,
    logger,
  });
  let t = Date.parse('2024-01-01T00:00:00Z');
  let i = 0;
  const append = (): void => {
    recorder.record({ deviceId: device.id, t, words: words(i) });
    t += 1000;
    i += 1;
  };
  const phaseMs = (options.seconds * 1000) / 3;

  // Appends alone.
  const depth0 = agent.outbox.depth().pending;
  let started = nowMs();
  while (nowMs() - started < phaseMs) append();
  const appendOnly = (agent.outbox.depth().pending - depth0) / ((nowMs() - started) / 1000);

  // Drain alone.
  const before = ledger.committed;
  started = nowMs();
  while ((await sender.step()).type !== 'idle');
  const drainOnly = (ledger.committed - before) / ((nowMs() - started) / 1000);

  // Both, as in the agent: the sender's loop runs while samples keep closing periods.
  const c0 = ledger.committed;
  const p0 = agent.outbox.depth().pending;
  sender.start();
  started = nowMs();
  let appended = 0;
  let maxDepth = 0;
  while (nowMs() - started < phaseMs) {
    for (let k = 0; k < 20; k++) append();
    appended += 20;
    await new Promise<void>((resolve) => setImmediate(resolve));
    maxDepth = Math.max(maxDepth, agent.outbox.depth().pending);
  }
  const seconds = (nowMs() - started) / 1000;
  const drained = ledger.committed - c0;
  const depthEnd = agent.outbox.depth().pending;
  await sender.stop();
  while ((await sender.step()).type !== 'idle');
  await agent.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    batchSize: options.batchSize,
    appendsPerSecondAlone: round(appendOnly, 0),
    drainsPerSecondAlone: round(drainOnly, 0),
    together: {
      seconds: round(seconds, 1),
      appendsPerSecond: round(appended / seconds, 0),
      drainsPerSecond: round(drained / seconds, 0),
      pendingAtStart: p0,
      pendingAtEnd: depthEnd,
      maxPending: maxDepth,
    },
    note: 'each append is one SQLite transaction (sample, closed period, outbox row, aggregator state) with synchronous=FULL, as the agent stores every sample',
  };
}

import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  Agent,
  loadAgentConfig,
  loadSimulatorConfig,
  PlcSimulator,
  type AgentConfig,
} from '@sme-credit-chain/gateway-agent';
import { repoRoot, type IdentityFiles } from '../../../test/support/fabric';
import { loadNetwork } from '../../../test/support/network';

/** A period the gateway agent closed, anchored on the ledger, with the raw sample lines it kept. */
export interface AnchoredPeriod {
  readonly deviceId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly sampleCount: number;
  readonly samplesDigest: string;
  readonly unitsProduced: number;
  /** The agent's canonical sample lines, in poll order. */
  readonly lines: readonly string[];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the project's PLC simulator (replaying the AI4I 2020 milling data as machine `mill-1`) and the
 * gateway agent polling it with short periods, as `gatewayIdentity`, until `periods` periods are
 * closed and committed to the ledger. The agent's and simulator's committed sample configurations
 * are used, narrowed to that one machine.
 */
export async function runGatewayAgent(
  enterpriseId: string,
  gatewayIdentity: IdentityFiles,
  stateDir: string,
  periods: number,
): Promise<AnchoredPeriod[]> {
  const configDir = path.join(repoRoot, 'gateway-agent', 'config');
  const simConfig = loadSimulatorConfig(path.join(configDir, 'simulator.yaml'));
  const port = await freePort();
  const mill = simConfig.machines.find((m) => m.name === 'mill-1');
  if (mill === undefined) throw new Error('gateway-agent/config/simulator.yaml has no mill-1');
  const simulator = new PlcSimulator({
    config: { host: '127.0.0.1', port, machines: [{ ...mill, startPaused: false }] },
  });
  const base = loadAgentConfig(path.join(configDir, 'agent.yaml'), { checkFiles: false });
  const device = base.devices.find((d) => d.id === 'mill-1');
  if (device === undefined) throw new Error('gateway-agent/config/agent.yaml has no mill-1');
  fs.mkdirSync(stateDir, { recursive: true });
  const network = loadNetwork();
  const factory = network.orgs.factory;
  const config: AgentConfig = {
    ...base,
    enterpriseId,
    stateDir,
    period: { seconds: 4 },
    http: { host: '127.0.0.1', port: 0 },
    log: { level: 'silent' },
    fabric: {
      ...base.fabric,
      // the network the tests run against (SCC_NETWORK_DIR and its ports), not the sample config's
      peerEndpoint: factory.peerEndpoint,
      peerHostAlias: factory.peerHostAlias,
      tlsCaCert: factory.tlsCaCert,
      channel: network.channel,
      chaincode: network.chaincode,
      mspId: gatewayIdentity.mspId,
      certificate: gatewayIdentity.certPath,
      privateKey: gatewayIdentity.keyPath,
    },
    outbox: { ...base.outbox, retryInitialMs: 200, idleMs: 100 },
    devices: [{ ...device, connection: { ...device.connection, host: '127.0.0.1', port } as typeof device.connection }],
  };
  const agent = new Agent({ config, drainOnStopMs: 30_000 });
  await simulator.start();
  await agent.start();
  try {
    const from = Date.now() - 60_000;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const closed = agent.store.periods('mill-1', from, Date.now() + 60_000);
      const committed = closed.filter((p) => agent.outbox.statusOf('mill-1', p.periodStart) === undefined);
      if (committed.length >= periods && agent.outbox.depth().pending === 0) {
        if (agent.outbox.depth().parked > 0) throw new Error('the agent parked records the ledger refused');
        return committed.slice(0, periods).map((p) => ({
          deviceId: p.deviceId,
          periodStart: p.record.periodStart,
          periodEnd: p.record.periodEnd,
          sampleCount: p.record.sampleCount,
          samplesDigest: p.record.samplesDigest,
          unitsProduced: p.record.unitsProduced,
          lines: agent.store.sampleLines('mill-1', p.periodStart),
        }));
      }
      if (Date.now() > deadline) {
        throw new Error(
          `the agent committed ${committed.length} of ${periods} periods in time (${JSON.stringify(agent.health())})`,
        );
      }
      await delay(250);
    }
  } finally {
    await agent.stop();
    await simulator.stop();
  }
}

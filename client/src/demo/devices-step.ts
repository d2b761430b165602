import { loadAgentConfig, type AgentConfig } from '@sme-credit-chain/gateway-agent';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ApiError } from './api-client';
import type { RoleIdentities } from './api-step';
import { repoRoot } from './demo-paths';
import type { DemoSession } from './demo-session';
import { table } from './narrator';
import { commonName } from './network-info';
import { writeAgentConfig } from './replay-configs';

const run = promisify(execFile);

/** The gateway agent's command line (`scc-agent`). */
export const agentCli = path.join(repoRoot, 'gateway-agent', 'dist', 'cli.js');

/** The gateway agent the demo runs: its configuration file and devices. */
export interface AgentSetup {
  readonly file: string;
  readonly config: AgentConfig;
  readonly identityId: string;
  /** Devices with a part counter (they back deliveries). */
  readonly producing: readonly string[];
}

function kindOf(device: AgentConfig['devices'][number]): string {
  const roles = new Set(device.registers.map((r) => r.role));
  if (roles.has('goodCount')) return 'machine';
  if (roles.has('energy')) return 'energy-meter';
  return 'equipment';
}

/**
 * Step 4: the gateway agent's identity (its own FactoryOrg certificate, read with `scc-agent whoami`)
 * becomes the `gatewayIdentity` of each device the agent reads, registered by the SME's operator.
 */
export async function devicesStep(session: DemoSession, identities: RoleIdentities): Promise<AgentSetup> {
  const { config, narrator, options, paths } = session;
  const net = session.net;
  if (!net) throw new Error('the network is not known yet');
  const step = narrator.step("Devices bound to the factory's gateway identity", 'registry');
  const file =
    options.agentConfig ??
    writeAgentConfig(config, net, identities.gateway, paths, path.join(paths.agentState, session.story.runTag));
  const agent = loadAgentConfig(file, { checkFiles: true });
  const { stdout } = await run(process.execPath, [agentCli, 'whoami', '-c', file], { encoding: 'utf8' });
  const identityId = stdout.trim();
  step.line(`npm run agent -- whoami -c ${session.show(file)}`);
  step.line(`  → ${identityId}`);
  const factoryId = config.enterprises.factory.id;
  const kinds = new Map<string, string>([
    [config.replay.mill.device, 'milling-machine'],
    [config.replay.meter.device, 'energy-meter'],
  ]);
  const rows: string[][] = [['device', 'kind', 'Modbus', 'gateway identity', '']];
  const devices: { id: string; kind: string; status: string }[] = [];
  for (const d of agent.devices) {
    const kind = options.agentConfig === undefined ? (kinds.get(d.id) ?? kindOf(d)) : kindOf(d);
    let status = 'registered now';
    try {
      await session.api.factory.post(`/enterprises/${factoryId}/devices`, {
        id: d.id,
        kind,
        description: d.description === '' ? d.id : d.description,
        gatewayIdentity: identityId,
      });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      const existing = await session.api.factory.get<{ gatewayIdentity: string }>(
        `/enterprises/${factoryId}/devices/${d.id}`,
      );
      if (existing.gatewayIdentity !== identityId) {
        throw new Error(
          `device ${d.id} of ${factoryId} is registered with gateway ${commonName(existing.gatewayIdentity)}, not ${commonName(identityId)}`,
        );
      }
      status = 'already registered (kept)';
    }
    const where = d.connection.type === 'tcp' ? `${d.connection.host}:${d.connection.port}` : d.connection.path;
    rows.push([d.id, kind, `${where} unit ${d.unitId}`, commonName(identityId), status]);
    devices.push({ id: d.id, kind, status });
  }
  for (const line of table(rows)) step.line(line);
  session.story.gatewayIdentity = identityId;
  session.story.devices = devices;
  session.save();
  step.proved(
    `only ${commonName(identityId)}, the agent's own identity, may write these devices' production records; the SME's operator cannot`,
  );
  return {
    file,
    config: agent,
    identityId,
    producing: agent.devices.filter((d) => d.registers.some((r) => r.role === 'goodCount')).map((d) => d.id),
  };
}

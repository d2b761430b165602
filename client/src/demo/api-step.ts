import * as path from 'node:path';
import { ApiClient, getJson } from './api-client';
import { loadOrCreateApiKeys, writeApiConfigs, type ApiInstanceSpec } from './api-instances';
import { repoRoot } from './demo-paths';
import type { DemoSession } from './demo-session';
import { commonName, identityFiles, type IdentityFiles, type OrgName } from './network-info';
import { checkPortsFree } from './port-check';
import { writeTryEnv } from './try-env';
import { waitFor } from './wait';

const apiMain = path.join(repoRoot, 'client', 'dist', 'main.js');

/** The Fabric identity files of the demo's roles. */
export type RoleIdentities = Readonly<Record<'factory' | 'gateway' | 'supplier' | 'buyer' | 'bank', IdentityFiles>>;

interface Me {
  readonly keyName: string;
  readonly ledger: { identityId: string; mspId: string; enterpriseId?: string };
}

/**
 * Step 2: one REST API instance per organisation (the client package's `main.js`, each with its own
 * generated configuration, Fabric identities and API keys), started as child processes; each key's
 * identity is read back from the ledger with `GET /me`.
 */
export async function apiStep(session: DemoSession): Promise<RoleIdentities> {
  const { config, narrator, paths, supervisor } = session;
  const net = session.net;
  if (!net) throw new Error('the network is not known yet');
  const step = narrator.step('REST API instances, one per organisation', 'api');
  const ids = config.identities;
  const identities: RoleIdentities = {
    factory: identityFiles(net, ids.factory),
    gateway: identityFiles(net, ids.gateway),
    supplier: identityFiles(net, ids.supplier),
    buyer: identityFiles(net, ids.buyer),
    bank: identityFiles(net, ids.bank),
  };
  await checkPortsFree([
    [config.ports.factoryApi, 'SCC_DEMO_FACTORY_API_PORT'],
    [config.ports.coreApi, 'SCC_DEMO_CORE_API_PORT'],
    [config.ports.bankApi, 'SCC_DEMO_BANK_API_PORT'],
    [config.ports.simulator, 'SCC_DEMO_SIMULATOR_PORT'],
    [config.ports.agentHttp, 'SCC_DEMO_AGENT_PORT'],
  ]);
  const keys = loadOrCreateApiKeys(paths.apiKeys);
  const specs = writeApiConfigs(config, net, identities, keys, paths);
  const orgs: OrgName[] = ['factory', 'core', 'bank'];
  for (const org of orgs) {
    supervisor.start({ name: specs[org].name, script: apiMain, args: ['--config', specs[org].configFile] });
  }
  await Promise.all(orgs.map((org) => waitHealthy(session, specs[org])));
  session.parties = {
    factory: new ApiClient(specs.factory.url, keys.factory),
    supplier: new ApiClient(specs.factory.url, keys.supplier),
    buyer: new ApiClient(specs.core.url, keys.buyer),
    bank: new ApiClient(specs.bank.url, keys.bank),
  };
  session.story.apis = { factory: specs.factory.url, core: specs.core.url, bank: specs.bank.url };
  for (const [role, client] of Object.entries(session.parties)) {
    const me = await client.get<Me>('/me');
    step.line(
      `${role.padEnd(8)} ${client.baseUrl}  key '${me.keyName}' acts as ${commonName(me.ledger.identityId)} (${me.ledger.mspId})`,
    );
  }
  step.line(`configurations in ${session.show(paths.config)}, logs in ${session.show(paths.logs)}`);
  writeTryEnv(paths.tryEnv, {
    apis: session.story.apis,
    keys,
    enterprises: config.enterprises,
  });
  step.line(
    `source ${session.show(paths.tryEnv)} to try them now (URLs, keys, enterprise ids; the trade ids follow at the end)`,
  );
  step.proved(
    "each organisation reaches the ledger only through its own peer, with its own organisation's certificates",
  );
  return identities;
}

async function waitHealthy(session: DemoSession, spec: ApiInstanceSpec): Promise<void> {
  await waitFor(
    `${spec.name} at ${spec.url}/health`,
    async () => {
      const health = await getJson(`${spec.url}/health`);
      return health?.status === 'ok' && health.ledger === 'up';
    },
    60_000,
    session.signal,
  );
}

import {
  connect,
  loadNetwork,
  mintIdentity,
  parseResult,
  uniqueId,
  type Connection,
  type IdentityFiles,
} from '../../../../test/support/fabric';
import { classifyLedgerError } from '../../../src/ledger/ledger-error';
import { ProductionRecord } from '../../../src/ledger/production-record';
import { sleep } from './wait';

/**
 * Runs a ledger call again while the network cannot answer (another engineer's deploy restarts the
 * chaincode now and then); a refusal by the chaincode is thrown at once.
 */
async function patiently<T>(call: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= attempts || classifyLedgerError(err).kind === 'REFUSED') throw err;
      await sleep(3000);
    }
  }
}

/** A factory registered on the ledger for one test: its owner, its gateway identity and its devices. */
export type FactoryOnLedger = Readonly<{
  enterpriseId: string;
  deviceIds: readonly string[];
  owner: Connection;
  gateway: IdentityFiles;
  gatewayIdentityId: string;
}>;

/**
 * Registers a fresh SME enterprise, mints a gateway identity for the agent, binds it to the
 * enterprise and registers the devices with that identity as their gateway (unique ids per run:
 * the ledger persists between runs).
 */
export async function registerFactory(devicePrefixes: readonly string[]): Promise<FactoryOnLedger> {
  const enterpriseId = uniqueId('sme');
  const owner = connect('factory', mintIdentity('factory', 'owner'));
  const gateway = mintIdentity('factory', 'gateway');
  await patiently(() =>
    owner.contract.submitTransaction(
      'registry:RegisterEnterprise',
      JSON.stringify({ id: enterpriseId, name: `Test factory ${enterpriseId}`, role: 'SME', mspId: 'FactoryOrgMSP' }),
    ),
  );
  const asGateway = connect('factory', gateway);
  let gatewayIdentityId: string;
  try {
    gatewayIdentityId = parseResult<{ identityId: string }>(
      await patiently(() => asGateway.contract.evaluateTransaction('registry:WhoAmI')),
    ).identityId;
  } finally {
    asGateway.close();
  }
  await patiently(() => owner.contract.submitTransaction('registry:BindIdentity', enterpriseId, gatewayIdentityId));
  const deviceIds = devicePrefixes.map((p) => uniqueId(p));
  for (const id of deviceIds) {
    await owner.contract.submitTransaction(
      'registry:RegisterDevice',
      JSON.stringify({
        id,
        enterpriseId,
        kind: 'machine',
        description: `test device ${id}`,
        gatewayIdentity: gatewayIdentityId,
      }),
    );
  }
  return { enterpriseId, deviceIds, owner, gateway, gatewayIdentityId };
}

/** Every production record of a device on the ledger, oldest first. */
export async function ledgerRecords(
  conn: Connection,
  enterpriseId: string,
  deviceId: string,
): Promise<ProductionRecord[]> {
  const records: ProductionRecord[] = [];
  let bookmark = '';
  do {
    const page = parseResult<{ records: ProductionRecord[]; bookmark: string }>(
      await patiently(() =>
        conn.contract.evaluateTransaction(
          'production:QueryByDevice',
          enterpriseId,
          deviceId,
          '2000-01-01T00:00:00Z',
          '2100-01-01T00:00:00Z',
          '1000',
          bookmark,
        ),
      ),
    );
    records.push(...page.records);
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return records;
}

/** Sums of the figures of records. */
export function totals(records: readonly ProductionRecord[]) {
  const sum = (f: (r: ProductionRecord) => number) => records.reduce((s, r) => s + f(r), 0);
  return {
    records: records.length,
    unitsProduced: sum((r) => r.unitsProduced),
    unitsRejected: sum((r) => r.unitsRejected),
    faultCount: sum((r) => r.faultCount),
    energyWh: sum((r) => r.energyWh ?? 0),
    runSeconds: sum((r) => r.runSeconds),
    idleSeconds: sum((r) => r.idleSeconds),
    downSeconds: sum((r) => r.downSeconds),
  };
}

/** Checks that periods of a device follow each other without overlap. */
export function overlaps(records: readonly ProductionRecord[]): string[] {
  const sorted = [...records].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const problems: string[] = [];
  sorted.forEach((r, i) => {
    const next = sorted[i + 1];
    if (next && Date.parse(next.periodStart) < Date.parse(r.periodEnd)) {
      problems.push(`${r.periodStart}-${r.periodEnd} overlaps ${next.periodStart}`);
    }
  });
  return problems;
}

/** The factory peer as network.json describes it. */
export function factoryPeer(): { endpoint: string; hostAlias: string; tlsCaCert: string } {
  const org = loadNetwork().orgs.factory;
  return { endpoint: org.peerEndpoint, hostAlias: org.peerHostAlias, tlsCaCert: org.tlsCaCert };
}

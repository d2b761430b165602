import { createHash } from 'node:crypto';
import { connect, mintIdentity, parseResult, type Connection, type IdentityFiles } from '../../test/support/fabric';

/** An SME registered for a benchmark: its connection (also the gateway identity of its devices). */
export interface Sme {
  readonly enterpriseId: string;
  readonly identityId: string;
  readonly identity: IdentityFiles;
  readonly connection: Connection;
  readonly devices: string[];
}

/** A bank enterprise with its own identity and connection. */
export interface Bank {
  readonly enterpriseId: string;
  readonly identity: IdentityFiles;
  readonly connection: Connection;
}

interface WhoAmI {
  identityId: string;
}

/**
 * Runs a set-up transaction again when it failed before any peer ran the chaincode (a gateway still
 * discovering the other organisations' peers right after the network started); a refusal by the
 * chaincode is thrown at once.
 */
export async function withSetupRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const details = JSON.stringify((err as { details?: unknown }).details ?? []);
      const endorseStage = err instanceof Error && err.name === 'EndorseError';
      if (!endorseStage || details.includes('chaincode response') || attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** A short id unique to this run, usable as an enterprise or device id. */
export function runId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${process.pid.toString(36)}`;
}

/** Registers a new SME enterprise under a freshly minted FactoryOrg identity. */
export async function newSme(enterpriseId: string): Promise<Sme> {
  const identity = mintIdentity('factory', 'bench-sme');
  const connection = connect('factory', identity);
  const me = parseResult<WhoAmI>(await connection.contract.evaluateTransaction('registry:WhoAmI'));
  await withSetupRetry(() =>
    connection.contract.submitTransaction(
      'registry:RegisterEnterprise',
      JSON.stringify({
        id: enterpriseId,
        name: `Benchmark factory ${enterpriseId}`,
        role: 'SME',
        mspId: identity.mspId,
      }),
    ),
  );
  return { enterpriseId, identityId: me.identityId, identity, connection, devices: [] };
}

/** Registers devices whose gateway identity is the SME's own identity, `parallel` at a time. */
export async function addDevices(sme: Sme, ids: readonly string[], parallel = 16): Promise<void> {
  const queue = [...ids];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      await withSetupRetry(() =>
        sme.connection.contract.submitTransaction(
          'registry:RegisterDevice',
          JSON.stringify({
            id,
            enterpriseId: sme.enterpriseId,
            kind: 'milling-machine',
            description: 'benchmark device',
            gatewayIdentity: sme.identityId,
          }),
        ),
      );
      sme.devices.push(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, ids.length) }, worker));
}

/** Registers a new bank enterprise and lets the SME grant it consent for every scope. */
export async function newBankWithConsent(enterpriseId: string, sme: Sme): Promise<Bank> {
  const identity = mintIdentity('bank', 'bench-bank');
  const connection = connect('bank', identity);
  await withSetupRetry(() =>
    connection.contract.submitTransaction(
      'registry:RegisterEnterprise',
      JSON.stringify({ id: enterpriseId, name: `Benchmark bank ${enterpriseId}`, role: 'BANK', mspId: identity.mspId }),
    ),
  );
  // The SME's own peer may commit the bank's registration a moment after the bank's peer did.
  for (let attempt = 0; ; attempt++) {
    try {
      await sme.connection.contract.evaluateTransaction('registry:GetEnterprise', enterpriseId);
      break;
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const expires = new Date(Date.now() + 365 * 86_400_000).toISOString();
  await withSetupRetry(() =>
    sme.connection.contract.submitTransaction(
      'consent:GrantConsent',
      enterpriseId,
      JSON.stringify(['production', 'trade', 'profile', 'receivables']),
      expires,
    ),
  );
  return { enterpriseId, identity, connection };
}

/** A production record as the chaincode takes it. */
export interface RecordInput {
  enterpriseId: string;
  deviceId: string;
  periodStart: string;
  periodEnd: string;
  unitsProduced: number;
  unitsRejected: number;
  runSeconds: number;
  idleSeconds: number;
  downSeconds: number;
  faultCount: number;
  energyWh: number;
  sampleCount: number;
  samplesDigest: string;
}

/**
 * The record of the `index`-th period of a device, periods of `periodSeconds` back to back from
 * `originMs`. Figures vary deterministically with the index, like a machine's output does.
 */
export function periodRecord(
  enterpriseId: string,
  deviceId: string,
  originMs: number,
  periodSeconds: number,
  index: number,
): RecordInput {
  const start = originMs + index * periodSeconds * 1000;
  const wave = (index * 7919) % 100;
  const downSeconds = Math.floor((periodSeconds * (wave % 7)) / 100);
  const idleSeconds = Math.floor((periodSeconds * (wave % 11)) / 100);
  const runSeconds = periodSeconds - downSeconds - idleSeconds;
  const produced = Math.floor(runSeconds / 60) + (wave % 5);
  return {
    enterpriseId,
    deviceId,
    periodStart: new Date(start).toISOString(),
    periodEnd: new Date(start + periodSeconds * 1000).toISOString(),
    unitsProduced: produced,
    unitsRejected: wave % 3,
    runSeconds,
    idleSeconds,
    downSeconds,
    faultCount: wave % 13 === 0 ? 1 : 0,
    energyWh: Math.round(runSeconds * 1.5),
    sampleCount: periodSeconds,
    samplesDigest: createHash('sha256').update(`${deviceId}/${start}`).digest('hex'),
  };
}

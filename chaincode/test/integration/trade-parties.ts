import { createHash } from 'node:crypto';
import type { ProposalOptions, SubmittedTransaction } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import {
  connect,
  mintIdentity,
  parseResult,
  uniqueId,
  type Connection,
  type OrgName,
} from '../../../test/support/fabric';

/** An enterprise registered for one test run, with a gateway connection of an identity bound to it. */
export interface Party {
  readonly id: string;
  readonly mspId: string;
  readonly identityId: string;
  readonly conn: Connection;
}

/** The enterprises of a trade scenario: two SMEs, a buyer, two banks, and the first SME's device gateway. */
export interface TradeParties {
  readonly sme: Party;
  readonly sme2: Party;
  readonly buyer: Party;
  readonly bank: Party;
  readonly bank2: Party;
  /** The gateway identity of the SME's device (bound to no enterprise). */
  readonly gateway: Connection;
  readonly deviceId: string;
  close(): void;
}

/** Production record key, as ShipDelivery's evidence names it. */
export interface EvidenceKey {
  enterpriseId: string;
  deviceId: string;
  periodStart: string;
}

/** One connection per org whose peer must have caught up before the next step reads (set by `setUpParties`). */
let observers: readonly Connection[] = [];

async function heightOf(conn: Connection): Promise<bigint> {
  const bytes = await conn.network.getContract('qscc').evaluateTransaction('GetChainInfo', conn.network.getName());
  return BigInt(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
}

/**
 * Waits until every org's peer has committed `blockNumber`. A submit returns once the submitting
 * org's peer has committed; another org's peer may be a block behind, and the next transaction,
 * endorsed there first, would not see the change yet.
 */
export async function waitForPeers(blockNumber: bigint): Promise<void> {
  for (const conn of observers) {
    for (let attempt = 0; (await heightOf(conn)) <= blockNumber; attempt++) {
      if (attempt >= 200) throw new Error(`peer of ${conn.identity.mspId} did not reach block ${blockNumber}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Submits a transaction, waits until every org's peer has committed it, and returns its parsed
 * result; a failure carries the peers' details (where the chaincode's coded message is) in its message.
 */
export async function submit<T = Record<string, unknown>>(
  conn: Connection,
  name: string,
  ...args: string[]
): Promise<T> {
  let status: Awaited<ReturnType<SubmittedTransaction['getStatus']>>;
  let result: Uint8Array;
  try {
    const commit = await conn.contract.submitAsync(name, { arguments: args });
    result = commit.getResult();
    status = await commit.getStatus();
  } catch (err) {
    throw new Error(`${name}: ${errorText(err)}`, { cause: err });
  }
  if (!status.successful) {
    throw new Error(`${name}: transaction ${status.transactionId} failed validation with code ${status.code}`);
  }
  await waitForPeers(status.blockNumber);
  return parseResult<T>(result);
}

/** Evaluates a transaction and returns its parsed result. */
export async function evaluate<T = Record<string, unknown>>(
  conn: Connection,
  name: string,
  ...args: string[]
): Promise<T> {
  return parseResult<T>(await conn.contract.evaluateTransaction(name, ...args));
}

/** Submits with explicit proposal options and returns the commit status code with the transaction id. */
export async function submitWith(
  conn: Connection,
  name: string,
  options: ProposalOptions,
): Promise<{ code: number; successful: boolean; transactionId: string; blockNumber: bigint }> {
  const commit = await conn.contract.submitAsync(name, options);
  const status = await commit.getStatus();
  await waitForPeers(status.blockNumber);
  return {
    code: status.code,
    successful: status.successful,
    transactionId: status.transactionId,
    blockNumber: status.blockNumber,
  };
}

/** The text of a Fabric error with the peers' details, where the chaincode's coded message appears. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const details = (err as Error & { details?: { message: string }[] }).details ?? [];
  return [err.message, ...details.map((d) => d.message)].join(' | ');
}

/** Awaits a call that must fail with the chaincode error `code`; returns the error text. */
export async function expectChaincodeError(call: Promise<unknown>, code: string): Promise<string> {
  let failure: unknown;
  try {
    await call;
  } catch (err) {
    failure = err;
  }
  if (failure === undefined) throw new Error(`expected ${code} but the call succeeded`);
  const text = errorText(failure);
  if (!text.includes(`${code}: `)) throw new Error(`expected ${code} but got: ${text}`);
  return text;
}

/** sha256 hex of a text, standing in for a signed purchase order document. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function register(org: OrgName, role: 'SME' | 'CORE' | 'BANK', prefix: string): Promise<Party> {
  const conn = connect(org, mintIdentity(org, prefix));
  const id = uniqueId(prefix);
  const mspId = conn.identity.mspId;
  await submit(conn, 'registry:RegisterEnterprise', JSON.stringify({ id, name: `${prefix} ${id}`, role, mspId }));
  const who = await evaluate<{ identityId: string }>(conn, 'registry:WhoAmI');
  return { id, mspId, identityId: who.identityId, conn };
}

/**
 * Registers fresh enterprises from their own orgs (the ledger persists between runs), a device of
 * the SME with its own gateway identity, and consent from both SMEs to both banks.
 */
export async function setUpParties(): Promise<TradeParties> {
  const [sme, sme2, buyer, bank, bank2] = await Promise.all([
    register('factory', 'SME', 'sme'),
    register('factory', 'SME', 'sme2'),
    register('core', 'CORE', 'buyer'),
    register('bank', 'BANK', 'bank'),
    register('bank', 'BANK', 'bank2'),
  ]);
  observers = [sme.conn, buyer.conn, bank.conn];
  const heights = await Promise.all(observers.map(heightOf));
  await waitForPeers(heights.reduce((a, b) => (a > b ? a : b)) - 1n);
  const gateway = connect('factory', mintIdentity('factory', 'gw'));
  const gatewayId = (await evaluate<{ identityId: string }>(gateway, 'registry:WhoAmI')).identityId;
  const deviceId = uniqueId('press');
  await submit(
    sme.conn,
    'registry:RegisterDevice',
    JSON.stringify({
      id: deviceId,
      enterpriseId: sme.id,
      kind: 'press',
      description: 'stamping press',
      gatewayIdentity: gatewayId,
    }),
  );
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const scopes = JSON.stringify(['trade', 'receivables', 'profile']);
  for (const owner of [sme, sme2]) {
    for (const b of [bank, bank2]) {
      await submit(owner.conn, 'consent:GrantConsent', b.id, scopes, expiresAt);
    }
  }
  return {
    sme,
    sme2,
    buyer,
    bank,
    bank2,
    gateway,
    deviceId,
    close: () => {
      for (const c of [sme.conn, sme2.conn, buyer.conn, bank.conn, bank2.conn, gateway]) c.close();
    },
  };
}

/**
 * Sets up the parties once for the suite it is called in (and closes their connections after it);
 * each test calls the returned function to get them.
 */
export function useTradeParties(): () => TradeParties {
  let ready: TradeParties | undefined;
  beforeAll(async () => {
    ready = await setUpParties();
  }, 120_000);
  afterAll(() => {
    ready?.close();
  });
  return () => {
    if (!ready) throw new Error('the trade parties were not set up');
    return ready;
  };
}

/** Submits hourly production records of the SME's device from its gateway identity; returns their keys. */
export async function recordProduction(parties: TradeParties, day: string, hours: number): Promise<EvidenceKey[]> {
  const records = Array.from({ length: hours }, (_, h) => {
    const start = new Date(Date.parse(`${day}T00:00:00.000Z`) + h * 3_600_000);
    return {
      enterpriseId: parties.sme.id,
      deviceId: parties.deviceId,
      periodStart: start.toISOString(),
      periodEnd: new Date(start.getTime() + 3_600_000).toISOString(),
      unitsProduced: 250 + h,
      unitsRejected: 3,
      runSeconds: 3000,
      idleSeconds: 400,
      downSeconds: 200,
      faultCount: 1,
      sampleCount: 360,
      samplesDigest: sha256(`${parties.deviceId}/${start.toISOString()}`),
    };
  });
  await submit(parties.gateway, 'production:SubmitRecords', JSON.stringify(records));
  return records.map((r) => ({ enterpriseId: r.enterpriseId, deviceId: r.deviceId, periodStart: r.periodStart }));
}

/** Ids of the records of a trade set up by `tradeUntil`. */
export interface TradeIds {
  readonly poId: string;
  readonly documentHash: string;
  readonly deliveryIds: string[];
  readonly invoiceId: string;
}

/**
 * Runs a trade between the SME (seller) and the buyer up to `stage`: a purchase order of 1000 units
 * at 2.00 USD proposed by the SME, then confirmed by the buyer; then deliveries of `deliveries` units backed by production records, received
 * in full; then an invoice of their value, acknowledged by the buyer (a receivable held by the SME).
 */
export async function tradeUntil(
  parties: TradeParties,
  stage: 'proposed' | 'confirmed' | 'received' | 'acknowledged',
  deliveries: readonly number[] = [1000],
): Promise<TradeIds> {
  const { sme, buyer } = parties;
  const poId = uniqueId('po');
  const documentHash = sha256(`signed purchase order ${poId}`);
  const ids = { poId, documentHash, deliveryIds: deliveries.map(() => uniqueId('dl')), invoiceId: uniqueId('inv') };
  await submit(
    sme.conn,
    'trade:ProposeContract',
    JSON.stringify({
      id: poId,
      buyerId: buyer.id,
      sellerId: sme.id,
      documentHash,
      lines: [{ sku: 'gear-12', qty: 1000, unitPrice: 2 }],
      currency: 'USD',
      deliveryDue: '2025-02-28',
      paymentTermsDays: 30,
    }),
  );
  if (stage === 'proposed') return ids;
  await submit(buyer.conn, 'trade:ConfirmContract', poId);
  if (stage === 'confirmed') return ids;
  const evidence = await recordProduction(parties, '2025-01-10', 2);
  for (const [i, qty] of deliveries.entries()) {
    const id = ids.deliveryIds[i] ?? '';
    await submit(
      sme.conn,
      'trade:ShipDelivery',
      JSON.stringify({ id, contractId: poId, qty, shippedAt: '2025-01-11T08:00:00Z', evidence }),
    );
    await submit(buyer.conn, 'trade:ReceiveDelivery', id, String(qty), '2025-01-12');
  }
  if (stage === 'received') return ids;
  const amount = 2 * deliveries.reduce((a, b) => a + b, 0);
  await submit(
    sme.conn,
    'trade:IssueInvoice',
    JSON.stringify({ id: ids.invoiceId, contractId: poId, amount, currency: 'USD', dueDate: '2025-02-10' }),
  );
  await submit(buyer.conn, 'trade:AcknowledgeInvoice', ids.invoiceId);
  return ids;
}

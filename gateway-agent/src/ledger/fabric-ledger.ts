import * as grpc from '@grpc/grpc-js';
import { CommitError, connect, Contract, Gateway, hash, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FabricConfig } from '../config/agent-config';
import { classifyLedgerError, LedgerError } from './ledger-error';
import { ProductionLedger, SubmitResult, WhoAmI } from './production-ledger';
import { ProductionRecord, RecordKey } from './production-record';

const utf8 = new TextDecoder();

/** Connects to the factory's peer through the Fabric Gateway with the agent's identity. */
export function newFabricLedger(config: FabricConfig): ProductionLedger {
  const client = new grpc.Client(config.peerEndpoint, grpc.credentials.createSsl(readFileSync(config.tlsCaCert)), {
    ...(config.peerHostAlias ? { 'grpc.ssl_target_name_override': config.peerHostAlias } : {}),
    // After an outage, try the peer again within seconds rather than gRPC's default of up to two minutes.
    'grpc.initial_reconnect_backoff_ms': 500,
    'grpc.max_reconnect_backoff_ms': 5000,
  });
  const deadline = (ms: number) => (): grpc.CallOptions => ({ deadline: Date.now() + ms });
  const gateway = connect({
    client,
    identity: { mspId: config.mspId, credentials: readFileSync(config.certificate) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(config.privateKey))),
    hash: hash.sha256,
    evaluateOptions: deadline(config.evaluateTimeoutMs),
    endorseOptions: deadline(config.endorseTimeoutMs),
    submitOptions: deadline(config.submitTimeoutMs),
    commitStatusOptions: deadline(config.commitStatusTimeoutMs),
  });
  const contract = gateway.getNetwork(config.channel).getContract(config.chaincode);
  return new FabricLedger(client, gateway, contract);
}

class FabricLedger implements ProductionLedger {
  readonly #client: grpc.Client;
  readonly #gateway: Gateway;
  readonly #contract: Contract;

  constructor(client: grpc.Client, gateway: Gateway, contract: Contract) {
    this.#client = client;
    this.#gateway = gateway;
    this.#contract = contract;
  }

  async submitRecords(records: readonly ProductionRecord[]): Promise<SubmitResult> {
    let transactionId: string | undefined;
    try {
      const proposal = this.#contract.newProposal('production:SubmitRecords', {
        arguments: [JSON.stringify(records)],
      });
      transactionId = proposal.getTransactionId();
      const transaction = await proposal.endorse();
      const commit = await transaction.submit();
      const status = await commit.getStatus();
      if (!status.successful) {
        throw new CommitError({ code: status.code, transactionId, message: `status ${status.code}` });
      }
      const result = JSON.parse(utf8.decode(transaction.getResult())) as { written?: number; unchanged?: number };
      return { transactionId, written: result.written ?? 0, unchanged: result.unchanged ?? 0 };
    } catch (err) {
      const classified = classifyLedgerError(err);
      if (classified.transactionId || !transactionId) throw classified;
      throw new LedgerError(classified.kind, classified.code, classified.message, {
        transactionId,
        details: classified.details,
        cause: err,
      });
    }
  }

  async getRecord(key: RecordKey): Promise<ProductionRecord | undefined> {
    try {
      const bytes = await this.#contract.evaluateTransaction(
        'production:GetRecord',
        key.enterpriseId,
        key.deviceId,
        key.periodStart,
      );
      return JSON.parse(utf8.decode(bytes)) as ProductionRecord;
    } catch (err) {
      const classified = classifyLedgerError(err);
      if (classified.code === 'NOT_FOUND') return undefined;
      throw classified;
    }
  }

  async whoAmI(): Promise<WhoAmI> {
    try {
      return JSON.parse(utf8.decode(await this.#contract.evaluateTransaction('registry:WhoAmI'))) as WhoAmI;
    } catch (err) {
      throw classifyLedgerError(err);
    }
  }

  close(): void {
    this.#gateway.close();
    this.#client.close();
  }
}

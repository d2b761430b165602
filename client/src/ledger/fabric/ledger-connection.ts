import * as fs from 'node:fs';
import * as crypto from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, type Gateway } from '@hyperledger/fabric-gateway';
import type { FabricConfig, IdentityConfig } from '../../config/config-schema';
import type { Ledger, LedgerDirectory } from '../ledger';
import { newFabricLedger } from './fabric-ledger';
import { newIdentitySigning } from './identity-signing';
import { newTransactionRunner } from './transaction-runner';

/** The gRPC connection to this organisation's peer and a Gateway for each configured identity. */
export interface LedgerConnection extends LedgerDirectory {
  /** True when the peer answers `system:Ping` within `timeoutMs`. */
  probe(timeoutMs?: number): Promise<boolean>;
  /** Closes every Gateway and the gRPC connection. */
  close(): void;
}

class GatewayLedgerConnection implements LedgerConnection {
  readonly #client: grpc.Client;
  readonly #gateways: Gateway[] = [];
  readonly #ledgers = new Map<string, Ledger>();

  constructor(fabric: FabricConfig, identities: Readonly<Record<string, IdentityConfig>>) {
    const tlsRootCert = fs.readFileSync(fabric.tlsCaCert);
    const options: grpc.ClientOptions =
      fabric.peerHostAlias === undefined ? {} : { 'grpc.ssl_target_name_override': fabric.peerHostAlias };
    this.#client = new grpc.Client(fabric.peerEndpoint, grpc.credentials.createSsl(tlsRootCert), options);
    const t = fabric.timeouts;
    for (const [name, identity] of Object.entries(identities)) {
      const gateway = connect({
        client: this.#client,
        identity: { mspId: identity.mspId, credentials: fs.readFileSync(identity.certPath) },
        ...newIdentitySigning(crypto.createPrivateKey(fs.readFileSync(identity.keyPath))),
        evaluateOptions: () => ({ deadline: Date.now() + t.evaluateMs }),
        endorseOptions: () => ({ deadline: Date.now() + t.endorseMs }),
        submitOptions: () => ({ deadline: Date.now() + t.submitMs }),
        commitStatusOptions: () => ({ deadline: Date.now() + t.commitStatusMs }),
      });
      this.#gateways.push(gateway);
      const contract = gateway.getNetwork(fabric.channel).getContract(fabric.chaincode);
      const runner = newTransactionRunner(contract, {
        maxAttempts: fabric.retry.maxAttempts,
        retryBackoffMs: fabric.retry.backoffMs,
      });
      this.#ledgers.set(name, newFabricLedger(runner));
    }
  }

  forIdentity(identity: string): Ledger {
    const ledger = this.#ledgers.get(identity);
    if (ledger === undefined) throw new Error(`no Fabric identity named ${identity} is configured`);
    return ledger;
  }

  async probe(timeoutMs = 3000): Promise<boolean> {
    const first = this.#ledgers.values().next();
    if (first.done === true) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, timeoutMs);
    });
    const ping = first.value.ping().then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    for (const gateway of this.#gateways) gateway.close();
    this.#client.close();
  }
}

/** Connects to the configured peer with one Gateway per identity (connections are made lazily by gRPC). */
export function openLedgerConnection(
  fabric: FabricConfig,
  identities: Readonly<Record<string, IdentityConfig>>,
): LedgerConnection {
  return new GatewayLedgerConnection(fabric, identities);
}

import * as grpc from '@grpc/grpc-js';
import {
  connect as gatewayConnect,
  signers,
  type Contract,
  type Gateway,
  type Network,
} from '@hyperledger/fabric-gateway';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type { IdentityFiles } from './identities';
import { loadNetwork, type NetworkInfo, type OrgName } from './network';

export { loadNetwork, orgNames, repoRoot, stateDir, type NetworkInfo, type OrgName } from './network';
export { mintIdentity, uniqueId, userIdentity, type IdentityFiles } from './identities';

export interface Connection {
  readonly gateway: Gateway;
  readonly network: Network;
  readonly contract: Contract;
  readonly identity: IdentityFiles;
  close(): void;
}

/** A gRPC client for the org's peer, TLS verified against the org's TLS CA. */
export function newGrpcClient(org: OrgName, net: NetworkInfo = loadNetwork()): grpc.Client {
  const info = net.orgs[org];
  const credentials = grpc.credentials.createSsl(fs.readFileSync(info.tlsCaCert));
  return new grpc.Client(info.peerEndpoint, credentials, { 'grpc.ssl_target_name_override': info.peerHostAlias });
}

/** Connects to the org's own peer through the Fabric Gateway as the given identity. */
export function connect(org: OrgName, identity: IdentityFiles, net: NetworkInfo = loadNetwork()): Connection {
  const client = newGrpcClient(org, net);
  const gateway = gatewayConnect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certPem) },
    signer: signers.newPrivateKeySigner(crypto.createPrivateKey(identity.keyPem)),
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 120_000 }),
  });
  const network = gateway.getNetwork(net.channel);
  return {
    gateway,
    network,
    contract: network.getContract(net.chaincode),
    identity,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

const decoder = new TextDecoder();

/** Parses a transaction result as JSON. */
export function parseResult<T>(bytes: Uint8Array): T {
  return JSON.parse(decoder.decode(bytes)) as T;
}

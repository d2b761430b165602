import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DemoIdentity } from './demo-config';

export type OrgName = 'factory' | 'core' | 'bank';

/** One peer organisation as `test-network.sh up` describes it in `network.json`. */
export interface OrgInfo {
  readonly mspId: string;
  readonly peerEndpoint: string;
  readonly peerHostAlias: string;
  readonly tlsCaCert: string;
  readonly usersDir: string;
}

/** The connection details of the running network. */
export interface NetworkInfo {
  readonly channel: string;
  readonly chaincode: string;
  readonly orgs: Readonly<Record<OrgName, OrgInfo>>;
}

/** A Fabric client identity: MSP and the certificate and key files. */
export interface IdentityFiles {
  readonly mspId: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** Reads `network.json` from the network's state folder. */
export function loadNetworkInfo(dir: string): NetworkInfo {
  const file = path.join(dir, 'network.json');
  if (!fs.existsSync(file)) throw new Error(`${file} not found: the network has not been created`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as NetworkInfo;
}

/** The certificate and key of a configured identity (a cryptogen user, or explicit files). */
export function identityFiles(net: NetworkInfo, identity: DemoIdentity): IdentityFiles {
  const org = net.orgs[identity.org];
  if ('certPath' in identity) return { mspId: org.mspId, certPath: identity.certPath, keyPath: identity.keyPath };
  const name = `${identity.user}@${identity.org}.scc.example`;
  const msp = path.join(org.usersDir, name, 'msp');
  const certPath = path.join(msp, 'signcerts', `${name}-cert.pem`);
  const keyDir = path.join(msp, 'keystore');
  const keyFile = fs.existsSync(keyDir)
    ? fs.readdirSync(keyDir).find((f) => f.endsWith('_sk') || f.endsWith('.pem'))
    : undefined;
  if (!fs.existsSync(certPath) || keyFile === undefined) {
    throw new Error(`identity ${identity.org} ${identity.user}: no certificate and key under ${msp}`);
  }
  return { mspId: org.mspId, certPath, keyPath: path.join(keyDir, keyFile) };
}

/** A short name of an identity for messages: the common name of its certificate subject. */
export function commonName(identityId: string): string {
  return /CN=([^,:]+)/.exec(identityId)?.[1] ?? identityId;
}

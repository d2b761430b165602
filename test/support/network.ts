import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Where test-network.sh keeps its state (overridable like the script). */
export const stateDir = process.env.SCC_NETWORK_DIR ?? path.join(repoRoot, 'network', 'state');

export type OrgName = 'factory' | 'core' | 'bank';
export const orgNames: readonly OrgName[] = ['factory', 'core', 'bank'];

export interface OrgInfo {
  readonly mspId: string;
  readonly peerEndpoint: string;
  readonly peerHostAlias: string;
  readonly tlsCaCert: string;
  readonly usersDir: string;
  readonly adminMsp: string;
}

export interface NetworkInfo {
  readonly channel: string;
  readonly chaincode: string;
  readonly stateDir: string;
  readonly orderers: readonly { name: string; endpoint: string; adminEndpoint: string; tlsCaCert: string }[];
  readonly orgs: Readonly<Record<OrgName, OrgInfo>>;
}

/** Connection details written by `./test-network.sh up` to network/state/network.json. */
export function loadNetwork(dir: string = stateDir): NetworkInfo {
  const file = path.join(dir, 'network.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} not found: the network is not up (./test-network.sh up)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as NetworkInfo;
}

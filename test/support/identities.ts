import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadNetwork, stateDir, type OrgName } from './network';

export interface IdentityFiles {
  readonly mspId: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly certPem: string;
  readonly keyPem: string;
}

function orgDomain(org: OrgName): string {
  return `${org}.scc.example`;
}

function readIdentity(mspId: string, certPath: string, keyPath: string): IdentityFiles {
  return {
    mspId,
    certPath,
    keyPath,
    certPem: fs.readFileSync(certPath, 'utf8'),
    keyPem: fs.readFileSync(keyPath, 'utf8'),
  };
}

/** A cryptogen user of the org: 'Admin' or 'User1'..'User5'. */
export function userIdentity(org: OrgName, user = 'User1', net = loadNetwork()): IdentityFiles {
  const info = net.orgs[org];
  const mspDir = path.join(info.usersDir, `${user}@${orgDomain(org)}`, 'msp');
  const certPath = path.join(mspDir, 'signcerts', `${user}@${orgDomain(org)}-cert.pem`);
  const keyDir = path.join(mspDir, 'keystore');
  const keyFile = fs.readdirSync(keyDir).find((f) => f.endsWith('_sk') || f.endsWith('.pem'));
  if (keyFile === undefined) throw new Error(`no private key in ${keyDir}`);
  return readIdentity(info.mspId, certPath, path.join(keyDir, keyFile));
}

let serial = 0;

/** A unique id for records created by one test run: the ledger persists between runs. */
export function uniqueId(prefix: string): string {
  serial += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid.toString(36)}-${serial}`;
}

/**
 * A fresh client identity of the org, signed by the org's CA with OU=client
 * (NodeOUs), so tests can bind new identities to new enterprises on every run.
 */
export function mintIdentity(org: OrgName, name: string): IdentityFiles {
  const info = loadNetwork().orgs[org];
  const domain = orgDomain(org);
  const caDir = path.join(stateDir, 'crypto', 'peerOrganizations', domain, 'ca');
  const caCert = path.join(caDir, `ca.${domain}-cert.pem`);
  const caKey = path.join(caDir, 'priv_sk');
  const cn = `${uniqueId(name)}@${domain}`;
  const dir = path.join(stateDir, 'minted', org, cn);
  fs.mkdirSync(dir, { recursive: true });
  const keyPath = path.join(dir, 'key.pem');
  const csrPath = path.join(dir, 'req.csr');
  const certPath = path.join(dir, 'cert.pem');
  const extPath = path.join(dir, 'ext.cnf');
  fs.writeFileSync(
    extPath,
    'keyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\nauthorityKeyIdentifier=keyid\n',
  );
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath]);
  run([
    'req',
    '-new',
    '-key',
    keyPath,
    '-subj',
    `/C=US/ST=California/L=San Francisco/OU=client/CN=${cn}`,
    '-out',
    csrPath,
  ]);
  run([
    'x509',
    '-req',
    '-in',
    csrPath,
    '-CA',
    caCert,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-CAserial',
    path.join(dir, 'ca.srl'),
    '-days',
    '365',
    '-sha256',
    '-extfile',
    extPath,
    '-out',
    certPath,
  ]);
  return readIdentity(info.mspId, certPath, keyPath);
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import type { ApiConfig } from './config-schema';
import { checkIdentities, ConfigError, loadConfig } from './load-config';

const KEY_HASH = 'ecf9c3bbffc5a223b8d4cb00a7ad0855cfccc4e68e976a31aa21fd188243a2de';

describe('loadConfig', () => {
  let dir: string;

  const valid = () => ({
    server: { port: 3003 },
    fabric: { peerEndpoint: '127.0.0.1:9051', peerHostAlias: 'peer0.bank.scc.example', tlsCaCert: 'tls/ca.crt' },
    identities: { 'bank-user1': { mspId: 'BankOrgMSP', certPath: 'id/cert.pem', keyPath: 'id/key.pem' } },
    apiKeys: [{ name: 'desk', sha256: KEY_HASH, identity: 'bank-user1', enterpriseId: 'first-bank' }],
  });

  function write(name: string, content: unknown): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : YAML.stringify(content));
    return file;
  }

  function problemsOf(fn: () => unknown): readonly string[] {
    try {
      fn();
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    throw new Error('expected a ConfigError');
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-api-config-'));
    fs.mkdirSync(path.join(dir, 'tls'));
    fs.mkdirSync(path.join(dir, 'id'));
    for (const f of ['tls/ca.crt', 'id/cert.pem', 'id/key.pem']) fs.writeFileSync(path.join(dir, f), 'pem');
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads YAML, fills defaults and resolves paths against the file’s folder', () => {
    const config = loadConfig(write('api.yaml', valid()), {});
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 3003,
      bodyLimit: '256kb',
      shutdownTimeoutMs: 10_000,
      trustProxy: false,
    });
    expect(config.fabric).toMatchObject({
      channel: 'scf',
      chaincode: 'scc',
      tlsCaCert: path.join(dir, 'tls/ca.crt'),
      timeouts: { evaluateMs: 30_000, endorseMs: 60_000, submitMs: 30_000, commitStatusMs: 120_000 },
      retry: { maxAttempts: 3, backoffMs: 250 },
    });
    expect(config.identities['bank-user1']).toEqual({
      mspId: 'BankOrgMSP',
      certPath: path.join(dir, 'id/cert.pem'),
      keyPath: path.join(dir, 'id/key.pem'),
    });
    expect(config.log.level).toBe('info');
  });

  it('reads JSON too', () => {
    const config = loadConfig(write('api.json', JSON.stringify(valid())), {});
    expect(config.apiKeys[0]?.enterpriseId).toBe('first-bank');
  });

  it('applies environment overrides', () => {
    const config = loadConfig(write('api.yaml', valid()), {
      SCC_API_PORT: '4100',
      SCC_API_HOST: '0.0.0.0',
      SCC_API_PEER_ENDPOINT: 'peer.example:443',
      SCC_API_CHANNEL: 'other',
      SCC_API_LOG_LEVEL: 'warn',
      SCC_API_TLS_CA_CERT: path.join(dir, 'id/cert.pem'),
    });
    expect(config.server.port).toBe(4100);
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.fabric.peerEndpoint).toBe('peer.example:443');
    expect(config.fabric.channel).toBe('other');
    expect(config.fabric.tlsCaCert).toBe(path.join(dir, 'id/cert.pem'));
    expect(config.log.level).toBe('warn');
  });

  it('names a bad environment override', () => {
    expect(problemsOf(() => loadConfig(write('api.yaml', valid()), { SCC_API_PORT: 'eighty' }))).toEqual([
      'SCC_API_PORT: must be an integer',
    ]);
  });

  it.each([
    [(c: ReturnType<typeof valid>) => ({ ...c, server: { port: 70000 } }), 'server.port'],
    [
      (c: ReturnType<typeof valid>) => ({ ...c, fabric: { ...c.fabric, peerEndpoint: 'nohost' } }),
      'fabric.peerEndpoint',
    ],
    [
      (c: ReturnType<typeof valid>) => ({ ...c, apiKeys: [{ ...c.apiKeys[0], sha256: 'plain-key' }] }),
      'apiKeys.0.sha256',
    ],
    [
      (c: ReturnType<typeof valid>) => ({ ...c, apiKeys: [{ ...c.apiKeys[0], identity: 'ghost' }] }),
      'apiKeys.0.identity',
    ],
    [(c: ReturnType<typeof valid>) => ({ ...c, apiKeys: [] }), 'apiKeys'],
    [(c: ReturnType<typeof valid>) => ({ ...c, identities: {} }), 'identities'],
    [(c: ReturnType<typeof valid>) => ({ ...c, fabric: { ...c.fabric, peer: 'x' } }), 'fabric'],
    [
      (c: ReturnType<typeof valid>) => ({ ...c, apiKeys: [c.apiKeys[0], { ...c.apiKeys[0], name: 'other' }] }),
      'apiKeys.1.sha256',
    ],
  ])('names the field at fault (%#: %s)', (change, field) => {
    const problems = problemsOf(() => loadConfig(write('api.yaml', change(valid())), {}));
    expect(problems.some((p) => p.startsWith(`${field}: `))).toBe(true);
  });

  it('refuses files that do not exist', () => {
    fs.rmSync(path.join(dir, 'id/key.pem'));
    expect(problemsOf(() => loadConfig(write('api.yaml', valid()), {}))).toEqual([
      `identities.bank-user1.keyPath: cannot read ${path.join(dir, 'id/key.pem')}`,
    ]);
  });

  it('refuses a missing or unparsable file', () => {
    expect(problemsOf(() => loadConfig(path.join(dir, 'none.yaml'), {}))).toEqual(['file not found']);
    expect(problemsOf(() => loadConfig(write('bad.yaml', 'server: [port'), {}))[0]).toMatch(/^cannot be parsed/);
    expect(problemsOf(() => loadConfig(write('list.yaml', '- 1\n- 2\n'), {}))).toEqual([
      'must hold a mapping at the top level',
    ]);
  });

  it.each(['factory', 'core', 'bank'])('accepts the committed %s sample (apart from its network files)', (org) => {
    const sample = path.join(__dirname, '..', '..', 'config', `${org}.sample.yaml`);
    const raw = YAML.parse(fs.readFileSync(sample, 'utf8')) as ReturnType<typeof valid>;
    // The sample points at network/state; swap in this test's files so only the schema is checked here.
    raw.fabric.tlsCaCert = path.join(dir, 'tls/ca.crt');
    for (const identity of Object.values(raw.identities)) {
      identity.certPath = path.join(dir, 'id/cert.pem');
      identity.keyPath = path.join(dir, 'id/key.pem');
    }
    const config = loadConfig(write(`${org}.yaml`, raw), {});
    expect(config.apiKeys).toHaveLength(1);
    expect(Object.keys(config.identities)).toContain(config.apiKeys[0]?.identity);
  });
});

describe('checkIdentities', () => {
  let dir: string;

  /** A self-signed certificate and its key made by openssl with `newkey` (e.g. `ec -pkeyopt ec_paramgen_curve:P-256`). */
  function mint(name: string, newkey: string): { certPath: string; keyPath: string } {
    const certPath = path.join(dir, `${name}-cert.pem`);
    const keyPath = path.join(dir, `${name}-key.pem`);
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', ...newkey.split(' '), '-nodes', '-subj', `/CN=${name}`, '-days', '1'].concat([
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ]),
      { stdio: 'ignore' },
    );
    return { certPath, keyPath };
  }

  function problemsFor(identities: ApiConfig['identities']): readonly string[] {
    try {
      checkIdentities({ identities } as ApiConfig, 'api.yaml');
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-api-identities-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts ECDSA P-256 and P-384 identities whose key belongs to the certificate', () => {
    const p256 = mint('p256', 'ec -pkeyopt ec_paramgen_curve:P-256');
    const p384 = mint('p384', 'ec -pkeyopt ec_paramgen_curve:P-384');
    expect(problemsFor({ a: { mspId: 'BankOrgMSP', ...p256 }, b: { mspId: 'BankOrgMSP', ...p384 } })).toEqual([]);
  });

  it('refuses other key types, a key of another certificate and files that are not PEM, naming each field', () => {
    const rsa = mint('rsa', 'rsa:2048');
    const p521 = mint('p521', 'ec -pkeyopt ec_paramgen_curve:P-521');
    const one = mint('one', 'ec -pkeyopt ec_paramgen_curve:P-256');
    const two = mint('two', 'ec -pkeyopt ec_paramgen_curve:P-256');
    const text = path.join(dir, 'text.pem');
    fs.writeFileSync(text, 'not a pem');
    expect(
      problemsFor({
        rsa: { mspId: 'BankOrgMSP', ...rsa },
        p521: { mspId: 'BankOrgMSP', ...p521 },
        mixed: { mspId: 'BankOrgMSP', certPath: one.certPath, keyPath: two.keyPath },
        text: { mspId: 'BankOrgMSP', certPath: text, keyPath: text },
      }),
    ).toEqual([
      `identities.rsa.keyPath: ${rsa.keyPath} is a key of type rsa; Fabric identities sign with ECDSA on P-256 or P-384`,
      `identities.p521.keyPath: ${p521.keyPath} is an EC key on curve secp521r1; Fabric identities sign with ECDSA on P-256 or P-384`,
      `identities.mixed.keyPath: ${two.keyPath} is not the private key of the certificate ${one.certPath}`,
      `identities.text.certPath: ${text} is not a PEM X.509 certificate`,
      `identities.text.keyPath: ${text} is not a PEM private key without a passphrase`,
    ]);
  });
});

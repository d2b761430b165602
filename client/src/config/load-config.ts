import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { apiConfigSchema, type ApiConfig } from './config-schema';

/** A configuration that cannot be used; `problems` name each field. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    super(`invalid configuration ${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Environment variables that override the file, and the config path each one sets. */
export const envOverrides: Readonly<Record<string, readonly [string, string, 'string' | 'number' | 'path']>> = {
  SCC_API_HOST: ['server', 'host', 'string'],
  SCC_API_PORT: ['server', 'port', 'number'],
  SCC_API_BODY_LIMIT: ['server', 'bodyLimit', 'string'],
  SCC_API_LOG_LEVEL: ['log', 'level', 'string'],
  SCC_API_PEER_ENDPOINT: ['fabric', 'peerEndpoint', 'string'],
  SCC_API_PEER_HOST_ALIAS: ['fabric', 'peerHostAlias', 'string'],
  SCC_API_TLS_CA_CERT: ['fabric', 'tlsCaCert', 'path'],
  SCC_API_CHANNEL: ['fabric', 'channel', 'string'],
  SCC_API_CHAINCODE: ['fabric', 'chaincode', 'string'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return file.endsWith('.json') ? (JSON.parse(text) as unknown) : (YAML.parse(text) as unknown);
  } catch (err) {
    throw new ConfigError(file, [`cannot be parsed: ${err instanceof Error ? err.message : String(err)}`]);
  }
}

function resolvePaths(raw: Record<string, unknown>, baseDir: string): void {
  const resolve = (holder: unknown, key: string): void => {
    if (isRecord(holder) && typeof holder[key] === 'string') holder[key] = path.resolve(baseDir, holder[key]);
  };
  resolve(raw.fabric, 'tlsCaCert');
  if (isRecord(raw.identities)) {
    for (const identity of Object.values(raw.identities)) {
      resolve(identity, 'certPath');
      resolve(identity, 'keyPath');
    }
  }
}

function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv, problems: string[]): void {
  for (const [variable, [section, key, kind]] of Object.entries(envOverrides)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    const holder = isRecord(raw[section]) ? raw[section] : {};
    raw[section] = holder;
    if (kind === 'number') {
      if (!/^\d+$/.test(value)) {
        problems.push(`${variable}: must be an integer`);
        continue;
      }
      holder[key] = Number(value);
    } else {
      holder[key] = kind === 'path' ? path.resolve(value) : value;
    }
  }
}

function checkFiles(config: ApiConfig): string[] {
  const files: [string, string][] = [['fabric.tlsCaCert', config.fabric.tlsCaCert]];
  for (const [name, identity] of Object.entries(config.identities)) {
    files.push([`identities.${name}.certPath`, identity.certPath], [`identities.${name}.keyPath`, identity.keyPath]);
  }
  const problems: string[] = [];
  for (const [field, file] of files) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
      if (!fs.statSync(file).isFile()) problems.push(`${field}: ${file} is not a file`);
    } catch {
      problems.push(`${field}: cannot read ${file}`);
    }
  }
  return problems;
}

/**
 * Reads a YAML or JSON configuration file, applies the `SCC_API_*` environment overrides, resolves
 * file paths against the file's folder and validates everything, including that the files exist.
 */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute)) throw new ConfigError(absolute, ['file not found']);
  const raw = parseFile(absolute);
  if (!isRecord(raw)) throw new ConfigError(absolute, ['must hold a mapping at the top level']);
  resolvePaths(raw, path.dirname(absolute));
  const problems: string[] = [];
  applyEnv(raw, env, problems);
  const parsed = apiConfigSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`));
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(absolute, problems);
  const fileProblems = checkFiles(parsed.data);
  if (fileProblems.length > 0) throw new ConfigError(absolute, fileProblems);
  return parsed.data;
}

/** Curves of the ECDSA keys Fabric identities use. */
const FABRIC_CURVES: ReadonlySet<string> = new Set(['prime256v1', 'secp384r1']);

/** What is wrong with one identity's certificate and key, each problem naming its field. */
function identityProblems(name: string, certPath: string, keyPath: string): string[] {
  const certField = `identities.${name}.certPath`;
  const keyField = `identities.${name}.keyPath`;
  let cert: crypto.X509Certificate | undefined;
  let key: crypto.KeyObject | undefined;
  const problems: string[] = [];
  try {
    cert = new crypto.X509Certificate(fs.readFileSync(certPath));
  } catch {
    problems.push(`${certField}: ${certPath} is not a PEM X.509 certificate`);
  }
  try {
    key = crypto.createPrivateKey(fs.readFileSync(keyPath));
  } catch {
    problems.push(`${keyField}: ${keyPath} is not a PEM private key without a passphrase`);
  }
  if (key) {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (key.asymmetricKeyType !== 'ec' || curve === undefined || !FABRIC_CURVES.has(curve)) {
      const kind =
        key.asymmetricKeyType === 'ec'
          ? `an EC key on curve ${curve ?? 'unknown'}`
          : `a key of type ${key.asymmetricKeyType ?? 'unknown'}`;
      problems.push(`${keyField}: ${keyPath} is ${kind}; Fabric identities sign with ECDSA on P-256 or P-384`);
    } else if (cert && !cert.checkPrivateKey(key)) {
      problems.push(`${keyField}: ${keyPath} is not the private key of the certificate ${certPath}`);
    }
  }
  return problems;
}

/**
 * Checks that every identity's certificate and key can be read as such, that the key is an ECDSA
 * P-256 or P-384 key (what Fabric identities sign with) and that it belongs to the certificate, so a
 * wrong file is refused at start-up naming the field instead of failing each request.
 */
export function checkIdentities(config: ApiConfig, source: string): void {
  const problems = Object.entries(config.identities).flatMap(([name, identity]) =>
    identityProblems(name, identity.certPath, identity.keyPath),
  );
  if (problems.length > 0) throw new ConfigError(source, problems);
}

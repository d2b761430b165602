import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import YAML from 'yaml';
import { loadNetwork, type IdentityFiles, type OrgName } from '../../../test/support/fabric';
import { loadConfig } from '../../src/config/load-config';
import { start, type RunningApi } from '../../src/main';

/** A JSON object in a response. */
export type Json = Record<string, unknown>;

/** An HTTP answer of the API. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
  /** `body.data` as an object. */
  readonly data: Json;
  /** `body.data` as a list. */
  readonly list: Json[];
  /** `body.error`, on errors. */
  readonly error: { code: string; message: string; details: Json };
}

/** One organisation's running API instance, with its own Fabric identity and API key. */
export interface ApiInstance {
  readonly org: OrgName;
  readonly enterpriseId: string;
  readonly api: RunningApi;
  /** Calls the API over HTTP with this instance's key (or `key` when given). */
  request(method: 'GET' | 'POST' | 'DELETE', urlPath: string, body?: unknown, key?: string): Promise<ApiResponse>;
  close(): Promise<void>;
}

/**
 * Writes a configuration file for an organisation's instance (its peer, TLS CA, one identity and
 * one random API key acting for `enterpriseId`), loads it as `main.ts` does and starts listening on
 * a free port.
 */
export async function startApiInstance(
  org: OrgName,
  identity: IdentityFiles,
  enterpriseId: string,
  dir: string,
): Promise<ApiInstance> {
  const net = loadNetwork();
  const info = net.orgs[org];
  const key = crypto.randomBytes(24).toString('base64url');
  const config = {
    server: { host: '127.0.0.1', port: 0 },
    log: { level: 'silent' },
    fabric: {
      peerEndpoint: info.peerEndpoint,
      peerHostAlias: info.peerHostAlias,
      tlsCaCert: info.tlsCaCert,
      channel: net.channel,
      chaincode: net.chaincode,
    },
    identities: { [`${org}-api`]: { mspId: identity.mspId, certPath: identity.certPath, keyPath: identity.keyPath } },
    apiKeys: [
      {
        name: `${org}-tests`,
        sha256: crypto.createHash('sha256').update(key).digest('hex'),
        identity: `${org}-api`,
        enterpriseId,
      },
    ],
  };
  const file = path.join(dir, `${org}-api.yaml`);
  fs.writeFileSync(file, YAML.stringify(config));
  const api = await start(loadConfig(file, {}), pino({ level: 'silent' }));
  return {
    org,
    enterpriseId,
    api,
    request: async (method, urlPath, body, otherKey) => {
      const res = await fetch(`${api.url}${urlPath}`, {
        method,
        headers: {
          Authorization: `Bearer ${otherKey ?? key}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await res.json()) as Json;
      return {
        status: res.status,
        headers: res.headers,
        body: json,
        data: json.data as Json,
        list: json.data as Json[],
        error: json.error as ApiResponse['error'],
      };
    },
    close: () => api.close(),
  };
}

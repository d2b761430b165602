#!/usr/bin/env node
import type { AddressInfo } from 'node:net';
import * as http from 'node:http';
import * as path from 'node:path';
import pino, { type Logger } from 'pino';
import { newApiKeyRegistry } from './auth/api-keys';
import type { ApiConfig } from './config/config-schema';
import { checkIdentities, ConfigError, loadConfig } from './config/load-config';
import { answerClientError } from './http/client-error';
import { createServer } from './http/server';
import { openLedgerConnection } from './ledger/fabric/ledger-connection';
import { agentSamplesDigest } from './services/agent-samples-digest';
import { newServices } from './services/services';

/** A listening API instance. */
export interface RunningApi {
  /** Base URL, such as `http://127.0.0.1:3001`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, waits for requests in flight (up to the configured timeout), closes the Gateway. */
  close(): Promise<void>;
}

/** Connects to the ledger with the configured identities and listens. */
export async function start(
  config: ApiConfig,
  logger: Logger = pino({ level: config.log.level }),
): Promise<RunningApi> {
  const ledger = openLedgerConnection(config.fabric, config.identities);
  const apiKeys = newApiKeyRegistry(
    config.apiKeys.map((k) => ({
      name: k.name,
      sha256: k.sha256,
      identity: k.identity,
      enterpriseId: k.enterpriseId,
      mspId: config.identities[k.identity]?.mspId ?? '',
    })),
  );
  const app = createServer({
    services: newServices(ledger, { samplesDigest: agentSamplesDigest }),
    apiKeys,
    logger,
    ledgerProbe: () => ledger.probe(),
    options: {
      bodyLimit: config.server.bodyLimit,
      trustProxy: config.server.trustProxy,
      retryAfterSeconds: config.fabric.retryAfterSeconds,
    },
  });
  const server = http.createServer(app);
  server.on('clientError', answerClientError);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.server.port, config.server.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    ledger.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  logger.info({ host: config.server.host, port, peer: config.fabric.peerEndpoint }, 'sme-credit-chain API listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        logger.warn('shutdown timeout: closing the remaining connections');
        server.closeAllConnections();
      }, config.server.shutdownTimeoutMs);
      server.close(() => {
        clearTimeout(timer);
        ledger.close();
        logger.info('sme-credit-chain API stopped');
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url: `http://${host}:${port}`, port, close };
}

function configPath(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const i = argv.indexOf('--config');
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith('--config='));
  return inline?.slice('--config='.length) ?? env.SCC_API_CONFIG;
}

const usage = `usage: npm run api -- --config <file.yaml|file.json>   (node client/dist/main.js --config <file>)

  --config FILE   the instance's configuration (or set SCC_API_CONFIG); see client/README.md
  --help

Stop with SIGTERM or Ctrl-C: requests in flight finish first.`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const file = configPath(argv, process.env);
  if (file === undefined || file === '') {
    process.stderr.write(`${usage}\n`);
    process.exit(2);
  }
  let config: ApiConfig;
  try {
    config = loadConfig(file);
    checkIdentities(config, path.resolve(file));
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const logger = pino({ level: config.log.level });
  const api = await start(config, logger);
  const stop = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}

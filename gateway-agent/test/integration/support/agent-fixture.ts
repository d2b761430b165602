import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { stringify } from 'yaml';
import { HealthReport } from '../../../src/agent';
import { loadAgentConfig } from '../../../src/config/load-config';
import { AgentConfig, DeviceConfig } from '../../../src/config/agent-config';
import { newLogger } from '../../../src/ops/logger';
import { Cleanup } from './cleanup';
import { FactoryOnLedger, factoryPeer } from './ledger-fixture';

const sampleAgentFile = join(__dirname, '..', '..', '..', 'config', 'agent.yaml');
const repoRoot = join(__dirname, '..', '..', '..', '..');

/** A device of the sample agent file (its register map) under a new id, reading the given port. */
export function sampleDevice(sampleId: string, id: string, port: number, overrides: Partial<DeviceConfig> = {}) {
  const device = loadAgentConfig(sampleAgentFile, { checkFiles: false }).devices.find((d) => d.id === sampleId);
  if (!device) throw new Error(`the sample agent file has no device ${sampleId}`);
  return {
    ...device,
    id,
    connection: { type: 'tcp' as const, host: '127.0.0.1', port, connectTimeoutMs: 1000 },
    ...overrides,
  };
}

/** Options for {@link writeAgentConfig}. */
export type AgentSetup = Readonly<{
  /** Removes the folder (configuration, agent database, logs) when the test's cleanup runs. */
  cleanup: Cleanup;
  factory: FactoryOnLedger;
  devices: readonly DeviceConfig[];
  periodSeconds: number;
  /** Where the agent reaches the peer (a proxy in tests that take the ledger away). */
  peerEndpoint?: string;
  batchSize?: number;
  retryMaxMs?: number;
}>;

/** Writes an agent configuration file in a fresh folder; returns its path and the parsed config. */
export function writeAgentConfig(setup: AgentSetup): { file: string; dir: string; config: AgentConfig } {
  const dir = mkdtempSync(join(tmpdir(), 'scc-agent-it-'));
  setup.cleanup.add(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const peer = factoryPeer();
  const raw = {
    enterpriseId: setup.factory.enterpriseId,
    stateDir: 'state',
    period: { seconds: setup.periodSeconds },
    http: { host: '127.0.0.1', port: 0 },
    log: { level: 'info' },
    fabric: {
      peerEndpoint: setup.peerEndpoint ?? peer.endpoint,
      peerHostAlias: peer.hostAlias,
      tlsCaCert: peer.tlsCaCert,
      mspId: setup.factory.gateway.mspId,
      certificate: setup.factory.gateway.certPath,
      privateKey: setup.factory.gateway.keyPath,
      endorseTimeoutMs: 10_000,
      commitStatusTimeoutMs: 30_000,
    },
    outbox: {
      batchSize: setup.batchSize ?? 20,
      retryInitialMs: 200,
      retryMaxMs: setup.retryMaxMs ?? 2000,
      idleMs: 200,
    },
    devices: setup.devices.map((d) => ({
      id: d.id,
      connection: {
        type: 'tcp',
        host: (d.connection as { host: string }).host,
        port: (d.connection as { port: number }).port,
      },
      unitId: d.unitId,
      pollIntervalMs: d.pollIntervalMs,
      timeoutMs: d.timeoutMs,
      timeSource: d.timeSource,
      ...(d.holdSeconds === undefined ? {} : { holdSeconds: d.holdSeconds }),
      reconnect: d.reconnect,
      timeoutsBeforeReconnect: d.timeoutsBeforeReconnect,
      registers: d.registers.map((r) => JSON.parse(JSON.stringify(r)) as unknown),
    })),
  };
  const file = join(dir, 'agent.yaml');
  writeFileSync(file, stringify(raw));
  return { file, dir, config: loadAgentConfig(file) };
}

/** Compiles the agent so tests can run it as its own process (`node dist/cli.js start`). */
export function buildAgent(): void {
  execFileSync('npx', ['tsc', '-b', 'gateway-agent'], { cwd: repoRoot, stdio: 'inherit' });
}

/** The agent running as a child process, as an operator runs it. */
export class AgentProcess {
  readonly #file: string;
  readonly #logFile: string;
  #child: ChildProcess | undefined;
  #port: number | undefined;

  constructor(file: string, logFile: string) {
    this.#file = file;
    this.#logFile = logFile;
  }

  /** Starts the agent and waits for its health endpoint. */
  async start(): Promise<void> {
    mkdirSync(join(this.#logFile, '..'), { recursive: true });
    const out = openSync(this.#logFile, 'a');
    const child = spawn('node', [join(repoRoot, 'gateway-agent', 'dist', 'cli.js'), 'start', '-c', this.#file], {
      stdio: ['ignore', out, out],
    });
    this.#child = child;
    this.#port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('agent did not start'));
      }, 30_000);
      const look = setInterval(() => {
        const port = startedPort(this.#logFile, child.pid ?? -1);
        if (port !== undefined) {
          clearTimeout(timer);
          clearInterval(look);
          resolve(port);
        }
      }, 100);
      child.once('exit', (code) => {
        clearTimeout(timer);
        clearInterval(look);
        reject(new Error(`agent exited with ${String(code)}`));
      });
    });
  }

  health(): Promise<HealthReport> {
    return getJson<HealthReport>(`http://127.0.0.1:${this.#port ?? 0}/health`);
  }

  metrics(): Promise<string> {
    return getText(`http://127.0.0.1:${this.#port ?? 0}/metrics`);
  }

  /** SIGKILL: no shutdown code runs. */
  async kill9(): Promise<void> {
    await this.#signal('SIGKILL');
  }

  /** SIGTERM: graceful shutdown. */
  async stop(): Promise<number | null> {
    return this.#signal('SIGTERM');
  }

  #signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return Promise.resolve(child?.exitCode ?? null);
    return new Promise((resolve) => {
      child.once('exit', (code) => {
        resolve(code);
      });
      child.kill(signal);
    });
  }
}

function startedPort(logFile: string, pid: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n').reverse()) {
    if (!line.includes('"agent started"') || !line.includes(`"pid":${pid}`)) continue;
    const match = /"http":"127\.0\.0\.1:(\d+)"/.exec(line);
    if (match?.[1]) return Number(match[1]);
  }
  return undefined;
}

export function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve(body);
      });
    }).on('error', reject);
  });
}

export async function getJson<T>(url: string): Promise<T> {
  return JSON.parse(await getText(url)) as T;
}

/** Logs of an agent run in the test process, to a file. */
export function fileLogger(file: string) {
  mkdirSync(join(file, '..'), { recursive: true });
  return newLogger({ level: 'info', destination: pino.destination({ dest: file, sync: true }) });
}

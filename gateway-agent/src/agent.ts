import { join } from 'node:path';
import { DeviceRecorder } from './aggregation/device-recorder';
import { AgentConfig, connectionKey, DeviceConfig } from './config/agent-config';
import { newFabricLedger } from './ledger/fabric-ledger';
import { ProductionLedger } from './ledger/production-ledger';
import { ModbusDeviceSource } from './modbus/device-source';
import { ModbusClientFactory, openModbusClient } from './modbus/modbus-client';
import { ModbusConnection } from './modbus/modbus-connection';
import { AgentMetrics } from './ops/agent-metrics';
import { HealthServer } from './ops/health-server';
import { Logger, newLogger } from './ops/logger';
import { DevicePoller, DeviceStatus } from './polling/device-poller';
import { BatchSender } from './sending/batch-sender';
import { AgentDatabase, openAgentDatabase } from './storage/agent-database';
import { Outbox } from './storage/outbox';
import { SampleStore } from './storage/sample-store';

/** What the agent runs with; every part can be replaced (tests use their own ledger or Modbus client). */
export type AgentOptions = Readonly<{
  config: AgentConfig;
  logger?: Logger;
  ledger?: ProductionLedger;
  openModbus?: ModbusClientFactory;
  /** How long shutdown keeps sending what is in the outbox (default 5000 ms). */
  drainOnStopMs?: number;
}>;

/** The agent's state for `GET /health`. */
export type HealthReport = Readonly<{
  status: 'ok' | 'degraded';
  startedAt: string;
  enterpriseId: string;
  devices: readonly DeviceStatus[];
  outbox: Readonly<{ pending: number; parked: number; oldestPendingAgeSeconds: number }>;
  ledger: ReturnType<BatchSender['status']>;
}>;

/** The path of the agent's database inside its state folder. */
export function databasePath(config: AgentConfig): string {
  return join(config.stateDir, 'agent.sqlite');
}

/**
 * The gateway agent: polls every device, aggregates samples into periods, keeps samples and closed
 * periods in SQLite, sends the outbox to the ledger, and serves /health and /metrics.
 */
export class Agent {
  readonly #options: AgentOptions;
  readonly #logger: Logger;
  readonly #db: AgentDatabase;
  readonly #outbox: Outbox;
  readonly #store: SampleStore;
  readonly #metrics: AgentMetrics;
  readonly #ledger: ProductionLedger;
  readonly #connections = new Map<string, ModbusConnection>();
  readonly #pollers: DevicePoller[] = [];
  readonly #recorders = new Map<string, DeviceRecorder>();
  readonly #sender: BatchSender;
  readonly #http: HealthServer;
  readonly #startedAt = new Date().toISOString();
  #port: number | undefined;

  constructor(options: AgentOptions) {
    const { config } = options;
    this.#options = options;
    this.#logger = options.logger ?? newLogger({ level: config.log.level });
    this.#db = openAgentDatabase(databasePath(config));
    this.#outbox = new Outbox(this.#db);
    this.#store = new SampleStore(this.#db);
    this.#metrics = new AgentMetrics(() => ({
      ...this.#outbox.depth(),
      oldestPendingAt: this.#outbox.oldestPendingAt(),
    }));
    this.#ledger = options.ledger ?? newFabricLedger(config.fabric);
    this.#sender = new BatchSender({
      outbox: this.#outbox,
      ledger: this.#ledger,
      batchSize: config.outbox.batchSize,
      retry: { initialMs: config.outbox.retryInitialMs, maxMs: config.outbox.retryMaxMs },
      idleMs: config.outbox.idleMs,
      logger: this.#logger.child({ component: 'sender' }),
      metrics: this.#metrics,
    });
    for (const device of config.devices) this.#addDevice(device);
    this.#http = new HealthServer({
      host: config.http.host,
      port: config.http.port,
      health: () => this.health(),
      registry: this.#metrics.registry,
    });
  }

  /** The port /health and /metrics listen on, once started. */
  get httpPort(): number | undefined {
    return this.#port;
  }

  get outbox(): Outbox {
    return this.#outbox;
  }

  get store(): SampleStore {
    return this.#store;
  }

  async start(): Promise<void> {
    this.#port = await this.#http.listen();
    this.#logger.child({ component: 'agent' }).info(
      {
        enterpriseId: this.#options.config.enterpriseId,
        devices: this.#options.config.devices.map((d) => d.id),
        http: `${this.#options.config.http.host}:${this.#port}`,
        outbox: this.#outbox.depth(),
      },
      'agent started',
    );
    this.#sender.start();
    for (const poller of this.#pollers) poller.start();
    this.#ledger.whoAmI().then(
      (me) => {
        this.#logger.child({ component: 'ledger' }).info({ ...me }, 'ledger identity');
      },
      (err: unknown) => {
        this.#logger.child({ component: 'ledger' }).warn({ error: String(err) }, 'ledger identity unknown for now');
      },
    );
  }

  /**
   * Stops polling, closes every device's current period into the outbox, sends what it can within
   * the drain time, then closes connections, the ledger and the database.
   */
  async stop(): Promise<void> {
    const log = this.#logger.child({ component: 'agent' });
    await Promise.all(this.#pollers.map((p) => p.stop()));
    for (const [deviceId, recorder] of this.#recorders) {
      const record = recorder.closeNow();
      if (record)
        log.info(
          { deviceId, periodStart: record.periodStart, periodEnd: record.periodEnd },
          'period closed at shutdown',
        );
    }
    this.#sender.notify();
    const drainMs = this.#options.drainOnStopMs ?? 5000;
    const until = Date.now() + drainMs;
    while (this.#outbox.depth().pending > 0 && Date.now() < until) await delay(50);
    await this.#sender.stop();
    await Promise.all([...this.#connections.values()].map((c) => c.close()));
    this.#ledger.close();
    await this.#http.close();
    log.info({ outbox: this.#outbox.depth() }, 'agent stopped');
    this.#db.close();
  }

  health(): HealthReport {
    const devices = this.#pollers.map((p) => p.status());
    const depth = this.#outbox.depth();
    const oldest = this.#outbox.oldestPendingAt();
    const ledger = this.#sender.status();
    const degraded = devices.some((d) => !d.up) || depth.parked > 0 || ledger.lastError !== undefined;
    return {
      status: degraded ? 'degraded' : 'ok',
      startedAt: this.#startedAt,
      enterpriseId: this.#options.config.enterpriseId,
      devices,
      outbox: {
        ...depth,
        oldestPendingAgeSeconds: oldest === undefined ? 0 : Math.max(0, Math.round((Date.now() - oldest) / 1000)),
      },
      ledger,
    };
  }

  #addDevice(device: DeviceConfig): void {
    const { config } = this.#options;
    const key = connectionKey(device.connection);
    let connection = this.#connections.get(key);
    if (!connection) {
      const log = this.#logger.child({ component: 'modbus', connection: key });
      connection = new ModbusConnection({
        connection: device.connection,
        open: this.#options.openModbus ?? openModbusClient,
        reconnect: device.reconnect,
        timeoutsBeforeReconnect: device.timeoutsBeforeReconnect,
        onEvent: (event) => {
          this.#metrics.connectionEvents.inc({ connection: key, event: event.type });
          if (event.type === 'connected') log.info('connected');
          else if (event.type === 'disconnected')
            log.warn({ reason: event.reason, retryInMs: event.retryInMs }, 'disconnected');
          else log.warn({ error: event.error.message, retryInMs: event.retryInMs }, 'connection failed');
        },
      });
      this.#connections.set(key, connection);
    }
    const recorder = new DeviceRecorder({
      enterpriseId: config.enterpriseId,
      device,
      periodSeconds: config.period.seconds,
      store: this.#store,
    });
    this.#recorders.set(device.id, recorder);
    this.#pollers.push(
      new DevicePoller({
        source: new ModbusDeviceSource({ device, connection }),
        recorder,
        intervalMs: device.pollIntervalMs,
        logger: this.#logger.child({ component: 'poller', deviceId: device.id }),
        metrics: this.#metrics,
        onClosed: () => {
          this.#sender.notify();
        },
      }),
    );
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { createServer, connect, Server, Socket } from 'node:net';

type Pair = { client: Socket; upstream: Socket; held: { to: Socket; data: Buffer }[] };

/**
 * A TCP relay between the agent and the peer, so a test can take the ledger away from the agent
 * without touching the shared network: `cut` drops every connection and refuses new ones; `stall`
 * keeps connections open but holds every byte (calls in flight get no answer) until `flow`.
 */
export class TcpProxy {
  readonly #target: { host: string; port: number };
  readonly #pairs = new Set<Pair>();
  #server: Server | undefined;
  #port = 0;
  #stalled = false;

  constructor(target: { host: string; port: number }) {
    this.#target = target;
  }

  get port(): number {
    return this.#port;
  }

  /** Starts relaying on a port (a new one the first time, the same one after a cut). */
  async start(): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.#target.port, this.#target.host);
      const pair: Pair = { client, upstream, held: [] };
      this.#pairs.add(pair);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        this.#pairs.delete(pair);
      };
      const relay = (to: Socket) => (data: Buffer) => {
        if (this.#stalled) pair.held.push({ to, data });
        else to.write(data);
      };
      client.on('data', relay(upstream)).on('error', drop).on('close', drop);
      upstream.on('data', relay(client)).on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => {
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.#port = address.port;
    this.#server = server;
    return this.#port;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const pair of this.#pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.#pairs.clear();
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    }
  }

  restore(): Promise<number> {
    return this.start();
  }

  /** Holds every byte in both directions from now on. */
  stall(): void {
    this.#stalled = true;
  }

  /** Delivers what was held and relays again. */
  flow(): void {
    this.#stalled = false;
    for (const pair of this.#pairs) {
      for (const { to, data } of pair.held.splice(0)) if (!to.destroyed) to.write(data);
    }
  }

  async close(): Promise<void> {
    this.flow();
    await this.cut();
  }
}

import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';

/** Options for {@link HealthServer}. */
export type HealthServerOptions = Readonly<{
  host: string;
  port: number;
  health: () => Readonly<{ status: string }>;
  registry: Registry;
}>;

/** Serves `GET /health` (JSON) and `GET /metrics` (Prometheus text format). */
export class HealthServer {
  readonly #options: HealthServerOptions;
  readonly #server: Server;

  constructor(options: HealthServerOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: String(err) } }));
      });
    });
  }

  /** Starts listening; resolves with the port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off('error', reject);
        resolve((this.#server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => {
        resolve();
      });
      this.#server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'application/json', allow: 'GET' });
      res.end(JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'only GET' } }));
    } else if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.#options.health()));
    } else if (path === '/metrics') {
      const body = await this.#options.registry.metrics();
      res.writeHead(200, { 'content-type': this.#options.registry.contentType });
      res.end(body);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no route ${path ?? ''}` } }));
    }
  }
}

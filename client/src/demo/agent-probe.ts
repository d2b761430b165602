import { getJson, getText } from './api-client';

/** The parts of the gateway agent's `GET /health` the demo reads. */
export interface AgentHealth {
  readonly status: string;
  readonly devices: readonly {
    deviceId: string;
    up: boolean;
    lastGoodAt?: string;
    openPeriodStart?: string;
    lastError?: string;
  }[];
  readonly outbox: { pending: number; parked: number };
  readonly ledger: { lastCommitAt?: string; inFlight?: { records: number } };
}

/** Reads the agent's health and metrics over HTTP. */
export class AgentProbe {
  readonly url: string;

  constructor(host: string, port: number) {
    this.url = `http://${host}:${port}`;
  }

  async health(): Promise<AgentHealth | undefined> {
    return (await getJson(`${this.url}/health`)) as AgentHealth | undefined;
  }

  /** Records the agent has had committed since it started (`scc_agent_records_committed_total`). */
  async committed(): Promise<number | undefined> {
    const text = await getText(`${this.url}/metrics`);
    const m =
      text === undefined ? null : /^scc_agent_records_committed_total(?:\{[^}]*\})? (\d+(?:\.\d+)?)/m.exec(text);
    return m ? Number(m[1]) : undefined;
  }
}

import { get } from 'node:http';
import { AgentMetrics } from './agent-metrics';
import { HealthServer } from './health-server';

function fetchText(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body });
      });
    }).on('error', reject);
  });
}

describe('HealthServer', () => {
  const metrics = new AgentMetrics(() => ({ pending: 3, parked: 1, oldestPendingAt: undefined }));
  const server = new HealthServer({
    host: '127.0.0.1',
    port: 0,
    health: () => ({ status: 'degraded' }),
    registry: metrics.registry,
  });
  let base = '';

  beforeAll(async () => {
    base = `http://127.0.0.1:${await server.listen()}`;
  });
  afterAll(() => server.close());

  it('serves the health report as JSON', async () => {
    expect(await fetchText(`${base}/health`)).toEqual({
      status: 200,
      type: 'application/json',
      body: '{"status":"degraded"}',
    });
  });

  it('serves Prometheus metrics with the outbox depth read at scrape time', async () => {
    metrics.polls.inc({ device: 'press-1', result: 'ok' });
    const res = await fetchText(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain/);
    expect(res.body).toContain('scc_agent_polls_total{device="press-1",result="ok"} 1');
    expect(res.body).toContain('scc_agent_outbox_records{status="pending"} 3');
    expect(res.body).toContain('scc_agent_outbox_records{status="parked"} 1');
    expect(res.body).toContain('scc_agent_process_cpu_seconds_total');
  });

  it('answers 404 with a coded JSON error elsewhere', async () => {
    const res = await fetchText(`${base}/nope`);
    expect([res.status, JSON.parse(res.body)]).toEqual([
      404,
      { error: { code: 'NOT_FOUND', message: 'no route /nope' } },
    ]);
  });
});

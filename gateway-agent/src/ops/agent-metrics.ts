import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Reads the outbox when metrics are scraped. */
export type OutboxProbe = () => Readonly<{ pending: number; parked: number; oldestPendingAt: number | undefined }>;

/**
 * The agent's Prometheus metrics, in their own registry (names start with `scc_agent_`):
 * polls and poll errors by device, poll duration, device up, Modbus connection events, refused readings, closed periods,
 * outbox depth and age, submissions by result, committed records and the time of the last commit.
 */
export class AgentMetrics {
  readonly registry = new Registry();
  readonly polls: Counter<'device' | 'result'>;
  readonly pollErrors: Counter<'device' | 'code'>;
  readonly pollSeconds: Histogram<'device'>;
  readonly deviceUp: Gauge<'device'>;
  readonly connectionEvents: Counter<'connection' | 'event'>;
  readonly periodsClosed: Counter<'device'>;
  readonly readingsRefused: Counter<'device' | 'register'>;
  readonly submissions: Counter<'result' | 'code'>;
  readonly recordsCommitted: Counter;
  readonly lastCommit: Gauge;
  readonly submitSeconds: Histogram;

  constructor(probe?: OutboxProbe) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'scc_agent_' });
    this.polls = new Counter({
      name: 'scc_agent_polls_total',
      help: 'Device polls, by result (ok or error)',
      labelNames: ['device', 'result'],
      registers,
    });
    this.pollErrors = new Counter({
      name: 'scc_agent_poll_errors_total',
      help: 'Failed polls by device and code (TIMEOUT, CONNECTION, PROTOCOL or a Modbus exception name)',
      labelNames: ['device', 'code'],
      registers,
    });
    this.pollSeconds = new Histogram({
      name: 'scc_agent_poll_duration_seconds',
      help: 'Time to read every value of a device once',
      labelNames: ['device'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.deviceUp = new Gauge({
      name: 'scc_agent_device_up',
      help: '1 when the last poll of the device succeeded, else 0',
      labelNames: ['device'],
      registers,
    });
    this.connectionEvents = new Counter({
      name: 'scc_agent_modbus_connection_events_total',
      help: 'Modbus connection events (connected, disconnected, connect-failed) by connection',
      labelNames: ['connection', 'event'],
      registers,
    });
    this.readingsRefused = new Counter({
      name: 'scc_agent_readings_refused_total',
      help: 'Register values not used because they are not finite or not plausible, by device and register',
      labelNames: ['device', 'register'],
      registers,
    });
    this.periodsClosed = new Counter({
      name: 'scc_agent_periods_closed_total',
      help: 'Periods closed into the outbox, by device',
      labelNames: ['device'],
      registers,
    });
    this.submissions = new Counter({
      name: 'scc_agent_submissions_total',
      help: 'Batch submissions by result (committed, retry, refused) and code',
      labelNames: ['result', 'code'],
      registers,
    });
    this.recordsCommitted = new Counter({
      name: 'scc_agent_records_committed_total',
      help: 'Records that left the outbox after a VALID commit',
      registers,
    });
    this.lastCommit = new Gauge({
      name: 'scc_agent_last_commit_timestamp_seconds',
      help: 'Unix time of the last VALID commit',
      registers,
    });
    this.submitSeconds = new Histogram({
      name: 'scc_agent_submit_duration_seconds',
      help: 'Time from endorsement to commit status of a batch',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    if (probe) {
      new Gauge({
        name: 'scc_agent_outbox_records',
        help: 'Records in the outbox, by status (pending, parked)',
        labelNames: ['status'],
        registers,
        collect() {
          const depth = probe();
          this.set({ status: 'pending' }, depth.pending);
          this.set({ status: 'parked' }, depth.parked);
        },
      });
      new Gauge({
        name: 'scc_agent_outbox_oldest_pending_age_seconds',
        help: 'Age of the oldest pending record (0 when none waits)',
        registers,
        collect() {
          const oldest = probe().oldestPendingAt;
          this.set(oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
        },
      });
    }
  }
}

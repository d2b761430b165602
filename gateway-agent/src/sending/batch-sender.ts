import { LedgerError, classifyLedgerError } from '../ledger/ledger-error';
import { ProductionLedger } from '../ledger/production-ledger';
import { AgentMetrics } from '../ops/agent-metrics';
import { Logger } from '../ops/logger';
import { Outbox } from '../storage/outbox';
import { Backoff } from '../util/backoff';

/** Options for {@link BatchSender}. */
export type BatchSenderOptions = Readonly<{
  outbox: Outbox;
  ledger: ProductionLedger;
  /** Most records per transaction (the chaincode takes up to 500). */
  batchSize: number;
  retry: Readonly<{ initialMs: number; maxMs: number }>;
  /** How long to wait for new records when the outbox is empty. */
  idleMs: number;
  logger: Logger;
  metrics?: AgentMetrics;
  random?: () => number;
}>;

/** What one step of the sender did. */
export type SendStep =
  | Readonly<{ type: 'idle' }>
  | Readonly<{ type: 'committed'; count: number; transactionId: string }>
  | Readonly<{ type: 'split'; batchSize: number }>
  | Readonly<{ type: 'parked'; seq: number; error: LedgerError }>
  | Readonly<{ type: 'retry'; delayMs: number; error: LedgerError }>;

/**
 * Sends the outbox to the ledger in order, one batch at a time. A batch leaves the outbox only after
 * its transaction committed VALID. What the network could not accept now is retried with exponential
 * backoff. When the chaincode refuses a batch, the batch is halved until the refused record is alone;
 * that record is parked and reported, and the records after it go on.
 */
export class BatchSender {
  readonly #options: BatchSenderOptions;
  readonly #backoff: Backoff;
  #limit: number;
  #running: Promise<void> | undefined;
  #stopped = false;
  #wake: (() => void) | undefined;
  #lastCommitAt: number | undefined;
  #lastError: string | undefined;
  #inFlight: { records: number; since: number } | undefined;

  constructor(options: BatchSenderOptions) {
    this.#options = options;
    this.#limit = options.batchSize;
    this.#backoff = new Backoff({
      ...options.retry,
      jitter: 0.2,
      ...(options.random ? { random: options.random } : {}),
    });
  }

  /** Starts sending in the background. */
  start(): void {
    this.#stopped = false;
    this.#running ??= this.#loop().finally(() => {
      this.#running = undefined;
    });
  }

  /** Wakes the sender at once (a period just closed). */
  notify(): void {
    this.#wake?.();
  }

  /** Stops after the batch in flight (if any) has its answer. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
  }

  /** When the last batch committed, and the last error since then. */
  status(): Readonly<{
    lastCommitAt: string | undefined;
    lastError: string | undefined;
    inFlight: Readonly<{ records: number; since: string }> | undefined;
  }> {
    const inFlight = this.#inFlight;
    return {
      lastCommitAt: this.#lastCommitAt === undefined ? undefined : new Date(this.#lastCommitAt).toISOString(),
      lastError: this.#lastError,
      inFlight: inFlight && { records: inFlight.records, since: new Date(inFlight.since).toISOString() },
    };
  }

  /** Sends one batch, or reports that there is nothing to send. */
  async step(): Promise<SendStep> {
    const { outbox, ledger, logger, metrics } = this.#options;
    const batch = outbox.pending(this.#limit);
    if (batch.length === 0) return { type: 'idle' };
    const started = Date.now();
    this.#inFlight = { records: batch.length, since: started };
    try {
      const result = await ledger.submitRecords(batch.map((e) => e.record));
      outbox.committed(batch, result.transactionId);
      this.#lastCommitAt = Date.now();
      this.#lastError = undefined;
      this.#backoff.reset();
      this.#limit = Math.min(this.#options.batchSize, this.#limit * 2);
      metrics?.submissions.inc({ result: 'committed', code: 'VALID' });
      metrics?.recordsCommitted.inc(batch.length);
      metrics?.lastCommit.set(Date.now() / 1000);
      metrics?.submitSeconds.observe((Date.now() - started) / 1000);
      logger.info(
        {
          transactionId: result.transactionId,
          records: batch.length,
          written: result.written,
          unchanged: result.unchanged,
        },
        'batch committed',
      );
      return { type: 'committed', count: batch.length, transactionId: result.transactionId };
    } catch (err) {
      const error = classifyLedgerError(err);
      this.#lastError = `${error.code}: ${error.message}`;
      if (error.kind === 'REFUSED') {
        metrics?.submissions.inc({ result: 'refused', code: error.code });
        if (batch.length > 1) {
          this.#limit = Math.ceil(batch.length / 2);
          logger.warn(
            { code: error.code, records: batch.length, next: this.#limit },
            'batch refused; narrowing it down',
          );
          return { type: 'split', batchSize: this.#limit };
        }
        const [entry] = batch;
        if (!entry) throw new Error('empty batch');
        outbox.park(entry, error.message);
        this.#limit = this.#options.batchSize;
        logger.error(
          {
            code: error.code,
            error: error.message,
            transactionId: error.transactionId,
            deviceId: entry.deviceId,
            periodStart: entry.record.periodStart,
          },
          'record refused by the chaincode; parked until requeued',
        );
        return { type: 'parked', seq: entry.seq, error };
      }
      outbox.failed(batch, `${error.code}: ${error.message}`);
      const delayMs = this.#backoff.next();
      metrics?.submissions.inc({ result: 'retry', code: error.code });
      logger.warn(
        {
          code: error.code,
          error: error.message,
          transactionId: error.transactionId,
          records: batch.length,
          retryInMs: delayMs,
        },
        'batch not committed; will retry',
      );
      return { type: 'retry', delayMs, error };
    } finally {
      this.#inFlight = undefined;
    }
  }

  async #loop(): Promise<void> {
    while (!this.#isStopped()) {
      let step: SendStep;
      try {
        step = await this.step();
      } catch (err) {
        this.#options.logger.error({ err }, 'sender step failed');
        step = { type: 'retry', delayMs: this.#backoff.next(), error: classifyLedgerError(err) };
      }
      if (this.#isStopped()) break;
      if (step.type === 'idle') await this.#sleep(this.#options.idleMs, true);
      else if (step.type === 'retry') await this.#sleep(step.delayMs, false);
    }
  }

  #isStopped(): boolean {
    return this.#stopped;
  }

  /** Waits; a notification cuts an idle wait short, a stop cuts any wait short. */
  #sleep(ms: number, wakeOnNotify: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const stopped = this.#stopped;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        if (wakeOnNotify || this.#stopped !== stopped) done();
      };
    });
  }
}

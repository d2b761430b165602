import { LedgerError } from '../ledger/ledger-error';
import { ProductionLedger, SubmitResult, WhoAmI } from '../ledger/production-ledger';
import { ProductionRecord, RecordKey } from '../ledger/production-record';

/** Scripted answers of {@link FakeLedger}, one per submission. */
export type FakeAnswer = 'commit' | 'unavailable' | 'commit-then-deadline' | 'mvcc';

/** A ledger for unit tests that keeps records by key like the chaincode: identical again is a no-op. */
export class FakeLedger implements ProductionLedger {
  readonly stored = new Map<string, ProductionRecord>();
  readonly batches: number[][] = [];
  readonly script: FakeAnswer[] = [];
  refuse: (record: ProductionRecord) => boolean = () => false;
  #tx = 0;

  submitRecords(records: readonly ProductionRecord[]): Promise<SubmitResult> {
    this.batches.push(records.map((r) => r.unitsProduced));
    const transactionId = `tx-${++this.#tx}`;
    const refused = records.find((r) => this.refuse(r));
    if (refused) {
      return Promise.reject(
        new LedgerError('REFUSED', 'FORBIDDEN', `FORBIDDEN: not the gateway of ${refused.deviceId}`, { transactionId }),
      );
    }
    const step = this.script.shift() ?? 'commit';
    if (step === 'unavailable') return Promise.reject(new LedgerError('RETRY', 'UNAVAILABLE', 'peer unavailable'));
    if (step === 'mvcc') {
      return Promise.reject(new LedgerError('RETRY', 'MVCC_READ_CONFLICT', 'conflict', { transactionId }));
    }
    let written = 0;
    for (const r of records) {
      const key = `${r.deviceId}/${r.periodStart}`;
      if (!this.stored.has(key)) written += 1;
      this.stored.set(key, r);
    }
    if (step === 'commit-then-deadline') {
      return Promise.reject(new LedgerError('RETRY', 'DEADLINE_EXCEEDED', 'commit status unknown', { transactionId }));
    }
    return Promise.resolve({ transactionId, written, unchanged: records.length - written });
  }

  getRecord(key: RecordKey): Promise<ProductionRecord | undefined> {
    return Promise.resolve(this.stored.get(`${key.deviceId}/${key.periodStart}`));
  }

  whoAmI(): Promise<WhoAmI> {
    return Promise.resolve({ identityId: 'x509::CN=agent::CN=ca', mspId: 'FactoryOrgMSP' });
  }

  close(): void {}
}

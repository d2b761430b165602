import type { Caller } from '../auth/caller';
import type { RawSample, SampleVerification, SampleVerificationRequest } from '../domain/raw-sample';
import type { LedgerDirectory } from '../ledger/ledger';

/** Computes the `samplesDigest` of a period's samples, in poll order, with the gateway agent's encoding. */
export type SamplesDigester = (samples: readonly RawSample[]) => string;

/** Checks raw samples held off-chain against the digest the gateway agent anchored on the ledger. */
export class SampleVerificationService {
  readonly #ledgers: LedgerDirectory;
  readonly #digest: SamplesDigester;

  constructor(ledgers: LedgerDirectory, digest: SamplesDigester) {
    this.#ledgers = ledgers;
    this.#digest = digest;
  }

  async verify(caller: Caller, request: SampleVerificationRequest): Promise<SampleVerification> {
    const record = await this.#ledgers.forIdentity(caller.identity).getRecord({
      enterpriseId: request.enterpriseId,
      deviceId: request.deviceId,
      periodStart: request.periodStart,
    });
    const computedDigest = this.#digest(request.samples);
    return {
      matches: computedDigest === record.samplesDigest && request.samples.length === record.sampleCount,
      computedDigest,
      ledgerDigest: record.samplesDigest,
      sampleCount: request.samples.length,
      ledgerSampleCount: record.sampleCount,
      record: {
        enterpriseId: record.enterpriseId,
        deviceId: record.deviceId,
        periodStart: record.periodStart,
        periodEnd: record.periodEnd,
        txId: record.txId,
      },
    };
  }
}

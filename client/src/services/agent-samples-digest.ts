import { canonicalSample, samplesDigest } from '@sme-credit-chain/gateway-agent';
import type { RawSample } from '../domain/raw-sample';
import type { SamplesDigester } from './sample-verification-service';

/**
 * The `samplesDigest` of a period's samples exactly as the gateway agent computes it: the agent's own
 * canonical line per sample, in poll order, hashed with sha256.
 */
export const agentSamplesDigest: SamplesDigester = (samples: readonly RawSample[]) =>
  samplesDigest(
    samples.map((s) =>
      canonicalSample({
        deviceId: s.deviceId,
        t: typeof s.t === 'number' ? s.t : Date.parse(s.t),
        words: s.words,
        error: s.error,
      }),
    ),
  );

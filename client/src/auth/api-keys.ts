import * as crypto from 'node:crypto';
import type { Caller } from './caller';

/** A configured key: only its sha256 is kept. */
export interface ApiKeyEntry {
  readonly name: string;
  readonly sha256: string;
  readonly identity: string;
  readonly mspId: string;
  readonly enterpriseId: string;
}

/** Resolves a presented API key to its caller. */
export interface ApiKeyRegistry {
  /** The caller of the key, or undefined when the key is unknown. */
  authenticate(key: string): Caller | undefined;
}

/** The sha256 of an API key as 64 lowercase hex characters, the form the configuration stores. */
export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

class HashedApiKeyRegistry implements ApiKeyRegistry {
  readonly #entries: readonly { digest: Buffer; caller: Caller }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.#entries = entries.map((e) => ({
      digest: Buffer.from(e.sha256, 'hex'),
      caller: { keyName: e.name, identity: e.identity, mspId: e.mspId, enterpriseId: e.enterpriseId },
    }));
  }

  authenticate(key: string): Caller | undefined {
    const presented = crypto.createHash('sha256').update(key, 'utf8').digest();
    let found: Caller | undefined;
    for (const entry of this.#entries) {
      // Every entry is compared, in constant time, so timing reveals neither which key matched nor where.
      if (crypto.timingSafeEqual(presented, entry.digest) && found === undefined) found = entry.caller;
    }
    return found;
  }
}

/** A registry over configured key hashes; comparisons take constant time. */
export function newApiKeyRegistry(entries: readonly ApiKeyEntry[]): ApiKeyRegistry {
  for (const e of entries) {
    if (!/^[0-9a-f]{64}$/.test(e.sha256))
      throw new Error(`API key ${e.name}: sha256 must be 64 lowercase hex characters`);
  }
  return new HashedApiKeyRegistry(entries);
}

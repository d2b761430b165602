import { Context } from 'fabric-contract-api';
import type { ChaincodeStub, Iterators, StateQueryResponse, Timestamp } from 'fabric-shim';
import { FakeClientIdentity } from './fake-identity';

const NS = '\u0000';
const MAX_RUNE = '\u{10ffff}';
const EMPTY_KEY_SUBSTITUTE = '\u0001';

interface Versioned {
  readonly value: Uint8Array;
  readonly version: number;
}

interface HistoryItem {
  readonly txId: string;
  readonly millis: number;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

interface RangeRead {
  readonly start: string;
  readonly end: string;
  readonly seen: readonly (readonly [string, number])[];
}

/** Outcome of committing a simulated transaction, named like Fabric's validation codes. */
export type ValidationCode = 'VALID' | 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT';

/** Thrown by `FakeLedger.submit` when a transaction fails validation at commit. */
export class FakeCommitError extends Error {
  constructor(
    public readonly code: ValidationCode,
    public readonly txId: string,
  ) {
    super(`transaction ${txId} failed validation: ${code}`);
    this.name = 'FakeCommitError';
  }
}

function longLike(value: number): Timestamp['seconds'] {
  return {
    toString: () => String(value),
    toNumber: () => value,
    low: value,
    high: 0,
  } as unknown as Timestamp['seconds'];
}

function toTimestamp(millis: number): Timestamp {
  return { seconds: longLike(Math.floor(millis / 1000)), nanos: (millis % 1000) * 1_000_000 };
}

function asyncIterable<T>(items: readonly T[]): Iterators.CommonIterator<T> {
  let i = 0;
  return {
    next: () => {
      const value = items[i];
      i += 1;
      return Promise.resolve(
        value === undefined ? { value: undefined as unknown as T, done: true } : { value, done: false },
      );
    },
    close: () => Promise.resolve(),
  };
}

function iterablePromise<R, T>(
  promise: Promise<R>,
  items: () => Iterators.CommonIterator<T>,
): Promise<R> & AsyncIterable<T> {
  const result = promise as Promise<R> & AsyncIterable<T>;
  result[Symbol.asyncIterator] = () => {
    const it = items();
    return {
      next: async () => {
        const r = await it.next();
        if (r.done) {
          await it.close();
        }
        return r.done ? { value: undefined, done: true } : { value: r.value, done: false };
      },
      return: async () => {
        await it.close();
        return { value: undefined, done: true };
      },
    };
  };
  return result;
}

/**
 * An in-memory ledger that behaves like a Fabric peer's LevelDB state for chaincode unit tests:
 * sorted keys, composite keys, range and paged range queries with bookmarks, key history (newest
 * first), transaction ids and timestamps, client identities, and commit-time MVCC / phantom
 * validation. A transaction's reads never see its own writes, as on a peer.
 */
export class FakeLedger {
  private readonly state = new Map<string, Versioned>();
  private readonly history = new Map<string, HistoryItem[]>();
  private version = 0;
  private txCounter = 0;
  /** Transaction time (ms since the epoch) of the next transaction; advances by `tickMillis` per transaction. */
  public nowMillis: number;
  public tickMillis = 1000;

  constructor(startIso = '2024-01-01T00:00:00.000Z') {
    this.nowMillis = Date.parse(startIso);
  }

  /** Starts simulating one transaction by `identity`; commit it with `commit`. */
  public begin(
    identity: FakeClientIdentity,
    options: Readonly<{ txId?: string; timestampIso?: string }> = {},
  ): FakeTransaction {
    this.txCounter += 1;
    const millis = options.timestampIso !== undefined ? Date.parse(options.timestampIso) : this.nowMillis;
    if (options.timestampIso === undefined) {
      this.nowMillis += this.tickMillis;
    }
    const txId = options.txId ?? `tx${String(this.txCounter).padStart(6, '0')}`;
    return new FakeTransaction(this, identity, txId, millis);
  }

  /** Validates a simulated transaction against the current state and applies its writes when VALID. */
  public commit(tx: FakeTransaction): ValidationCode {
    for (const [key, version] of tx.reads) {
      if ((this.state.get(key)?.version ?? 0) !== version) {
        return 'MVCC_READ_CONFLICT';
      }
    }
    for (const range of tx.ranges) {
      const now = this.scan(range.start, range.end).map(([k, v]) => `${k}@${v.version}`);
      const then = range.seen.map(([k, v]) => `${k}@${v}`);
      if (now.join('|') !== then.join('|')) {
        return 'PHANTOM_READ_CONFLICT';
      }
    }
    this.version += 1;
    for (const [key, value] of tx.writes) {
      const item: HistoryItem = {
        txId: tx.txId,
        millis: tx.millis,
        isDelete: value === null,
        value: value ?? new Uint8Array(),
      };
      this.history.set(key, [...(this.history.get(key) ?? []), item]);
      if (value === null) {
        this.state.delete(key);
      } else {
        this.state.set(key, { value, version: this.version });
      }
    }
    return 'VALID';
  }

  /** Runs `fn` as one submitted transaction: commits its writes when it succeeds and validates. */
  public async submit<T>(identity: FakeClientIdentity, fn: (ctx: Context) => Promise<T>): Promise<T> {
    const tx = this.begin(identity);
    const result = await fn(tx.ctx);
    const code = this.commit(tx);
    if (code !== 'VALID') {
      throw new FakeCommitError(code, tx.txId);
    }
    return result;
  }

  /** Runs `fn` as an evaluated transaction: nothing it writes is kept. */
  public async evaluate<T>(identity: FakeClientIdentity, fn: (ctx: Context) => Promise<T>): Promise<T> {
    const tx = this.begin(identity);
    return fn(tx.ctx);
  }

  /** Every committed key in ascending order (for assertions). */
  public keys(): string[] {
    return [...this.state.keys()].sort();
  }

  /** The committed value of a key as text, or undefined. */
  public getText(key: string): string | undefined {
    const v = this.state.get(key);
    return v ? new TextDecoder().decode(v.value) : undefined;
  }

  /** Committed entries in `[start, end)`, ascending. */
  public scan(start: string, end: string): [string, Versioned][] {
    return [...this.state.entries()]
      .filter(([k]) => k >= start && k < end)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Committed versions of a key, newest first (as Fabric 2+ returns them). */
  public historyOf(key: string): Iterators.KeyModification[] {
    return (this.history.get(key) ?? [])
      .map((h) => ({ txId: h.txId, timestamp: toTimestamp(h.millis), isDelete: h.isDelete, value: h.value }))
      .reverse();
  }

  /** The committed value and version of a key. */
  public read(key: string): Versioned | undefined {
    return this.state.get(key);
  }

  /** Version of a committed key (0 when absent). */
  public versionOf(key: string): number {
    return this.state.get(key)?.version ?? 0;
  }
}

/** One simulated transaction: a Context whose stub reads the ledger and records reads and writes. */
export class FakeTransaction {
  public readonly ctx: Context;
  public readonly stub: FakeStub;
  public readonly reads = new Map<string, number>();
  public readonly ranges: RangeRead[] = [];
  public readonly writes = new Map<string, Uint8Array | null>();
  public readonly events: { name: string; payload: Uint8Array }[] = [];
  public paginated = false;

  constructor(
    public readonly ledger: FakeLedger,
    public readonly identity: FakeClientIdentity,
    public readonly txId: string,
    public readonly millis: number,
  ) {
    this.stub = new FakeStub(this);
    this.ctx = new Context();
    this.ctx.stub = this.stub as unknown as ChaincodeStub;
    this.ctx.clientIdentity = identity;
  }
}

/** The subset of fabric-shim's ChaincodeStub that contracts use, with a peer's semantics. */
export class FakeStub {
  constructor(private readonly tx: FakeTransaction) {}

  public getTxID(): string {
    return this.tx.txId;
  }

  public getChannelID(): string {
    return 'scf';
  }

  public getMspID(): string {
    return this.tx.identity.getMSPID();
  }

  public getTxTimestamp(): Timestamp {
    return toTimestamp(this.tx.millis);
  }

  public getDateTimestamp(): Date {
    return new Date(this.tx.millis);
  }

  public getCreator(): { mspid: string; idBytes: Uint8Array } {
    return { mspid: this.tx.identity.getMSPID(), idBytes: this.tx.identity.getIDBytes() };
  }

  public getTransient(): Map<string, Uint8Array> {
    return new Map();
  }

  public setEvent(name: string, payload: Uint8Array): void {
    this.tx.events.push({ name, payload });
  }

  public getState(key: string): Promise<Uint8Array> {
    const v = this.tx.ledger.read(key);
    this.tx.reads.set(key, v?.version ?? 0);
    return Promise.resolve(v ? v.value : new Uint8Array());
  }

  public putState(key: string, value: Uint8Array): Promise<void> {
    if (this.tx.paginated) {
      return Promise.reject(new Error('transaction with paginated queries does not support write'));
    }
    if (key === '') {
      return Promise.reject(new Error('key must not be an empty string'));
    }
    // A peer treats an empty value as a delete.
    this.tx.writes.set(key, value.length === 0 ? null : value);
    return Promise.resolve();
  }

  public deleteState(key: string): Promise<void> {
    if (this.tx.paginated) {
      return Promise.reject(new Error('transaction with paginated queries does not support write'));
    }
    this.tx.writes.set(key, null);
    return Promise.resolve();
  }

  public setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
    this.tx.writes.set(`${key}\u0000#ep`, ep);
    return Promise.resolve();
  }

  public getStateValidationParameter(key: string): Promise<Uint8Array> {
    return this.getState(`${key}\u0000#ep`);
  }

  public createCompositeKey(objectType: string, attributes: string[]): string {
    for (const part of [objectType, ...attributes]) {
      if (typeof part !== 'string' || part.length === 0) {
        throw new Error('object type or attribute not a non-zero length string');
      }
    }
    return `${NS}${objectType}${NS}${attributes.map((a) => `${a}${NS}`).join('')}`;
  }

  public splitCompositeKey(compositeKey: string): { objectType: string | null; attributes: string[] } {
    if (!compositeKey.startsWith(NS) || compositeKey.length < 2) {
      return { objectType: null, attributes: [] };
    }
    const parts = compositeKey.substring(1).split(NS);
    parts.pop();
    const [objectType = null, ...attributes] = parts;
    return { objectType, attributes };
  }

  private range(start: string, end: string): Iterators.KV[] {
    const entries = this.tx.ledger.scan(start, end);
    this.tx.ranges.push({ start, end, seen: entries.map(([k, v]) => [k, v.version] as const) });
    return entries.map(([key, v]) => ({ namespace: 'scc', key, value: v.value }));
  }

  private page(
    start: string,
    end: string,
    pageSize: number,
    bookmark: string,
  ): StateQueryResponse<Iterators.StateQueryIterator> {
    if (this.tx.writes.size > 0) {
      throw new Error('txSimulator does not support paginated queries in transactions that perform writes');
    }
    this.tx.paginated = true;
    const all = this.tx.ledger.scan(bookmark !== '' ? bookmark : start, end);
    const pageEntries = all.slice(0, pageSize);
    const next = all[pageSize];
    const nextBookmark = next ? next[0] : '';
    const iterator = asyncIterable(pageEntries.map(([key, v]) => ({ namespace: 'scc', key, value: v.value })));
    // Like fabric-shim: an empty metadata message (nothing fetched, no bookmark) arrives as no metadata at all.
    if (pageEntries.length === 0 && nextBookmark === '') {
      return { iterator } as StateQueryResponse<Iterators.StateQueryIterator>;
    }
    return { iterator, metadata: { fetchedRecordsCount: pageEntries.length, bookmark: nextBookmark } };
  }

  private static checkSimpleKeys(...keys: string[]): void {
    for (const key of keys) {
      if (key.startsWith(NS)) {
        throw new Error(`first character of the key [${key}] contains a null character which is not allowed`);
      }
    }
  }

  public getStateByRange(
    startKey: string,
    endKey: string,
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    const start = startKey === '' ? EMPTY_KEY_SUBSTITUTE : startKey;
    FakeStub.checkSimpleKeys(start, endKey);
    const items = this.range(start, endKey === '' ? MAX_RUNE : endKey);
    return iterablePromise(Promise.resolve(asyncIterable(items)), () => asyncIterable(items));
  }

  public getStateByRangeWithPagination(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark = '',
  ): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV> {
    const start = startKey === '' ? EMPTY_KEY_SUBSTITUTE : startKey;
    FakeStub.checkSimpleKeys(start, endKey);
    const response = this.page(start, endKey === '' ? MAX_RUNE : endKey, pageSize, bookmark);
    return iterablePromise(Promise.resolve(response), () => response.iterator);
  }

  public getStateByPartialCompositeKey(
    objectType: string,
    attributes: string[],
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    const prefix = this.createCompositeKey(objectType, attributes);
    const items = this.range(prefix, prefix + MAX_RUNE);
    return iterablePromise(Promise.resolve(asyncIterable(items)), () => asyncIterable(items));
  }

  public getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark = '',
  ): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV> {
    const prefix = this.createCompositeKey(objectType, attributes);
    let response: StateQueryResponse<Iterators.StateQueryIterator>;
    try {
      response = this.page(prefix, prefix + MAX_RUNE, pageSize, bookmark);
    } catch (err) {
      return iterablePromise(Promise.reject(err as Error), () => asyncIterable<Iterators.KV>([]));
    }
    return iterablePromise(Promise.resolve(response), () => response.iterator);
  }

  public getHistoryForKey(
    key: string,
  ): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    const items = this.tx.ledger.historyOf(key);
    return iterablePromise(Promise.resolve(asyncIterable(items)), () => asyncIterable(items));
  }
}

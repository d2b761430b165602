import type { Context } from 'fabric-contract-api';
import { configure } from 'safe-stable-stringify';
import { ContractError, ErrorCode, invalidArgument, notFound } from '../errors';
import { timestampToIso } from './clock';

/** A JSON object as stored on the ledger. */
export type JsonObject = Record<string, unknown>;

/** One state entry: its composite key and its decoded value. */
export interface Entry<T> {
  readonly key: string;
  readonly value: T;
}

/** One page of a paged query, as returned by every list transaction. */
export interface Page<T> {
  readonly records: T[];
  /** Where the next page starts; empty when there is no further page. */
  readonly bookmark: string;
  readonly fetchedCount: number;
}

/** One version of a key, oldest first in `readHistory`. */
export interface HistoryEntry {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value: JsonObject | null;
}

/** Largest code point; ends a partial composite key range (as fabric-shim does). */
const MAX_RUNE = '\u{10ffff}';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Canonical JSON text (sorted keys, no undefined members): identical on every endorser. The text is
 * the same as `json-stringify-deterministic` wrote for earlier versions of this chaincode (a test
 * checks it), produced by `safe-stable-stringify` in one pass; a cycle throws.
 */
const stringifyCanonical = configure({ deterministic: true, circularValue: TypeError });

/** Canonical JSON text of a value (see {@link stringifyCanonical}). */
export function canonicalJson(value: unknown): string {
  return stringifyCanonical(value) as string;
}

/** Canonical JSON bytes of a value. */
export function marshal(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

/** Decodes stored bytes and refuses anything that is not a JSON object. */
export function unmarshal(bytes: Uint8Array, key = 'value'): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ContractError(ErrorCode.INVALID_STATE, `stored ${printableKey(key)} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ContractError(ErrorCode.INVALID_STATE, `stored ${printableKey(key)} is not a JSON object`);
  }
  return parsed as JsonObject;
}

/** A composite key's parts joined with `/`, for messages. */
export function printableKey(key: string): string {
  return key
    .split('\u0000')
    .filter((part) => part !== '')
    .join('/');
}

/** Refuses key parts that fabric-shim would reject or that would break key ordering. */
export function checkKeyPart(part: string, field: string): string {
  if (part.length === 0) {
    throw invalidArgument(field, 'must not be empty');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000\u{10ffff}]/u.test(part)) {
    throw invalidArgument(field, 'contains a character that is not allowed');
  }
  return part;
}

/** The composite key of a record type and its key parts. */
export function compositeKey(ctx: Context, type: string, parts: readonly string[]): string {
  return ctx.stub.createCompositeKey(type, [...parts]);
}

/** The record type and key parts of a composite key. */
export function splitKey(ctx: Context, key: string): { type: string; parts: string[] } {
  const { objectType, attributes } = ctx.stub.splitCompositeKey(key);
  return { type: objectType, parts: attributes };
}

/** Reads a key and decodes it; undefined when absent. */
export async function getObject<T = JsonObject>(ctx: Context, key: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(key);
  if (bytes.length === 0) {
    return undefined;
  }
  return unmarshal(bytes, key) as T;
}

/** Reads a key and decodes it; `NOT_FOUND: <kind> <id> does not exist` when absent. */
export async function mustGetObject<T = JsonObject>(ctx: Context, key: string, kind: string, id: string): Promise<T> {
  const value = await getObject<T>(ctx, key);
  if (value === undefined) {
    throw notFound(kind, id);
  }
  return value;
}

/** True when the key holds a value. */
export async function exists(ctx: Context, key: string): Promise<boolean> {
  const bytes = await ctx.stub.getState(key);
  return bytes.length > 0;
}

/** Writes a value as canonical JSON. */
export async function putObject(ctx: Context, key: string, value: object): Promise<void> {
  await ctx.stub.putState(key, marshal(value));
}

/** Deletes a key. */
export async function deleteKey(ctx: Context, key: string): Promise<void> {
  await ctx.stub.deleteState(key);
}

/**
 * Every entry under a partial composite key, ascending. Not paged, so usable in submit transactions;
 * keep such ranges small (the range is re-read at validation to detect phantoms).
 */
export async function listByPartialKey<T = JsonObject>(
  ctx: Context,
  type: string,
  parts: readonly string[],
): Promise<Entry<T>[]> {
  const entries: Entry<T>[] = [];
  for await (const kv of ctx.stub.getStateByPartialCompositeKey(type, [...parts])) {
    entries.push({ key: kv.key, value: unmarshal(kv.value, kv.key) as T });
  }
  return entries;
}

/** Options of a paged read within one partial composite key. */
export interface PagedRangeOptions {
  readonly pageSize: number;
  /** Bookmark returned by the previous page; empty for the first page. */
  readonly bookmark: string;
  /** Key parts after the prefix where the range starts (inclusive); the prefix's start when absent. */
  readonly fromParts?: readonly string[];
  /** Key parts after the prefix where the range ends (exclusive); the prefix's end when absent. */
  readonly toParts?: readonly string[];
}

/**
 * One page of entries under a partial composite key, ascending, optionally bounded to
 * `[prefix+fromParts, prefix+toParts)`. Evaluate transactions only (Fabric refuses paged queries in
 * submits). A bookmark must come from an earlier page of the same prefix (`INVALID_ARGUMENT` otherwise).
 */
export async function readPage<T = JsonObject>(
  ctx: Context,
  type: string,
  prefix: readonly string[],
  options: PagedRangeOptions,
): Promise<Page<Entry<T>>> {
  const prefixKey = compositeKey(ctx, type, prefix);
  const fromKey = options.fromParts ? compositeKey(ctx, type, [...prefix, ...options.fromParts]) : prefixKey;
  const toKey = options.toParts ? compositeKey(ctx, type, [...prefix, ...options.toParts]) : prefixKey + MAX_RUNE;
  let start = fromKey;
  if (options.bookmark !== '') {
    if (!options.bookmark.startsWith(prefixKey)) {
      throw invalidArgument('bookmark', 'does not belong to this query');
    }
    if (options.bookmark > start) {
      start = options.bookmark;
    }
  }
  if (start >= toKey) {
    return { records: [], bookmark: '', fetchedCount: 0 };
  }
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    type,
    [...prefix],
    options.pageSize,
    start,
  );
  const records: Entry<T>[] = [];
  let passedEnd = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        break;
      }
      const kv = next.value;
      if (kv.key >= toKey) {
        passedEnd = true;
        break;
      }
      records.push({ key: kv.key, value: unmarshal(kv.value, kv.key) as T });
    }
  } finally {
    await iterator.close();
  }
  // fabric-shim leaves metadata out when it is empty (nothing fetched, no further page).
  const next = (metadata as typeof metadata | undefined)?.bookmark ?? '';
  const bookmark = passedEnd || next >= toKey ? '' : next;
  return { records, bookmark, fetchedCount: records.length };
}

/**
 * Every entry in `[prefix+fromParts, prefix+toParts)`, read page by page. Evaluate transactions only.
 * `limit` bounds the number of entries read (`INVALID_ARGUMENT` on `limitField` beyond it).
 */
export async function readRange<T = JsonObject>(
  ctx: Context,
  type: string,
  prefix: readonly string[],
  bounds: Readonly<{ fromParts?: readonly string[]; toParts?: readonly string[]; limit?: number; limitField?: string }>,
): Promise<Entry<T>[]> {
  const entries: Entry<T>[] = [];
  let bookmark = '';
  do {
    const page = await readPage<T>(ctx, type, prefix, { ...bounds, pageSize: 1000, bookmark });
    entries.push(...page.records);
    if (bounds.limit !== undefined && entries.length > bounds.limit) {
      throw invalidArgument(bounds.limitField ?? 'range', `covers more than ${bounds.limit} records`);
    }
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return entries;
}

/** Every version of a key, oldest first, with transaction id and time. */
export async function readHistory(ctx: Context, key: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for await (const mod of ctx.stub.getHistoryForKey(key)) {
    entries.push({
      txId: mod.txId,
      timestamp: timestampToIso(mod.timestamp),
      isDelete: mod.isDelete,
      value: mod.isDelete || mod.value.length === 0 ? null : unmarshal(mod.value, key),
    });
  }
  // Fabric returns the newest version first.
  return entries.reverse();
}

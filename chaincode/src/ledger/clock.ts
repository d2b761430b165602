import type { Context } from 'fabric-contract-api';
import type { Timestamp } from 'fabric-shim';

/** A protobuf timestamp (transaction or history entry) as ISO-8601 UTC with milliseconds. */
export function timestampToIso(
  ts: Readonly<Pick<Timestamp, 'nanos'> & { seconds: Timestamp['seconds'] | number }>,
): string {
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : Number(ts.seconds.toString());
  const millis = seconds * 1000 + Math.floor(ts.nanos / 1_000_000);
  return new Date(millis).toISOString();
}

/** The transaction timestamp as ISO-8601 UTC with milliseconds: the only clock chaincode may read. */
export function txTimestamp(ctx: Context): string {
  return timestampToIso(ctx.stub.getTxTimestamp());
}

/** The transaction timestamp in milliseconds since the epoch. */
export function txMillis(ctx: Context): number {
  return Date.parse(txTimestamp(ctx));
}

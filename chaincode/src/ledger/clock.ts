import type { Context } from 'fabric-contract-api';

/** The transaction timestamp as ISO-8601 UTC with milliseconds: the only clock chaincode may read. */
export function txTimestamp(ctx: Context): string {
  const ts = ctx.stub.getTxTimestamp();
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : Number(ts.seconds.toString());
  const millis = seconds * 1000 + Math.floor(ts.nanos / 1_000_000);
  return new Date(millis).toISOString();
}

/**
 * The outcome of one poll of one device: the raw words of every configured value, or why the
 * poll failed. Raw samples are kept by the agent; their digest goes on the ledger.
 */
export type Sample = Readonly<{
  deviceId: string;
  /** Agent clock when the poll started, milliseconds since the Unix epoch. */
  t: number;
  /** Raw 16-bit words (bits as 0/1) by value name, when the poll succeeded. */
  words?: Readonly<Record<string, readonly number[]>>;
  /** Why the poll failed: TIMEOUT, CONNECTION, PROTOCOL or a Modbus exception name. */
  error?: string;
}>;

/** True when the poll succeeded. */
export function isGood(sample: Sample): sample is Sample & { words: Readonly<Record<string, readonly number[]>> } {
  return sample.words !== undefined;
}

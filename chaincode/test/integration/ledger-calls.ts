import { GatewayError } from '@hyperledger/fabric-gateway';
import { parseResult, type Connection } from '../../../test/support/fabric';

/** Submits a transaction, waits for its commit, and returns the parsed result with the id and validation code. */
export async function submitCommitted<T>(
  conn: Connection,
  name: string,
  ...args: string[]
): Promise<{ result: T; txId: string; code: number }> {
  const commit = await conn.contract.submitAsync(name, { arguments: args });
  const status = await commit.getStatus();
  return { result: parseResult<T>(commit.getResult()), txId: status.transactionId, code: status.code };
}

/** Submits a transaction that must commit VALID and returns its parsed result. */
export async function submitOk<T>(conn: Connection, name: string, ...args: string[]): Promise<T> {
  const { result, code, txId } = await submitCommitted<T>(conn, name, ...args);
  if (code !== 0) {
    throw new Error(`${name} (${txId}) committed with validation code ${code}`);
  }
  return result;
}

/** Evaluates a transaction and returns its parsed result. */
export async function evaluate<T>(conn: Connection, name: string, ...args: string[]): Promise<T> {
  return parseResult<T>(await conn.contract.evaluateTransaction(name, ...args));
}

/** The chaincode messages a gateway error carries (one per endorsing peer), or its own message. */
export function chaincodeMessages(err: unknown): string[] {
  if (err instanceof GatewayError && err.details.length > 0) {
    return err.details.map((d) => d.message);
  }
  return [err instanceof Error ? err.message : String(err)];
}

/**
 * Runs a submit or evaluate that the chaincode must refuse with `code` and returns the refusal
 * message (`CODE: sentence`), failing when it succeeds or is refused for another reason.
 */
export async function refusal(call: Promise<unknown>, code: string): Promise<string> {
  try {
    await call;
  } catch (err) {
    const messages = chaincodeMessages(err);
    const hit = messages.find((m) => m.includes(`${code}: `));
    if (hit === undefined) {
      throw new Error(`expected ${code}, got: ${messages.join(' | ')}`);
    }
    return hit.slice(hit.indexOf(`${code}: `));
  }
  throw new Error(`expected ${code}, but the transaction succeeded`);
}

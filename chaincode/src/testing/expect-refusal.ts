import { ContractError, type ErrorCode } from '../errors';

/**
 * Awaits a transaction that must be refused and returns the ContractError, failing with a clear
 * message when it succeeds or fails with another code. `contains` checks part of the sentence.
 */
export async function expectRefusal(
  promise: Promise<unknown>,
  code: ErrorCode,
  contains?: string,
): Promise<ContractError> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    if (!(err instanceof ContractError)) {
      throw new Error(`expected ${code} but got ${String(err)}`);
    }
    if (err.code !== code) {
      throw new Error(`expected ${code} but got ${err.message}`);
    }
    if (contains !== undefined && !err.message.includes(contains)) {
      throw new Error(`expected "${contains}" in "${err.message}"`);
    }
    return err;
  }
  throw new Error(`expected ${code} but the transaction succeeded with ${JSON.stringify(result)}`);
}

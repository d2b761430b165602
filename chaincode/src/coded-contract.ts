import { Context, Contract } from 'fabric-contract-api';
import { unknownTransaction } from './errors';

/**
 * The base of every contract of the chaincode: a call of a transaction it does not have is refused
 * with a coded error (`INVALID_ARGUMENT: unknown transaction production:Nope`), like any other
 * refusal, instead of fabric-contract-api's uncoded message.
 */
export abstract class CodedContract extends Contract {
  public override unknownTransaction(ctx: Context): Promise<void> {
    return Promise.reject(unknownTransaction(ctx.stub.getFunctionAndParameters().fcn));
  }
}

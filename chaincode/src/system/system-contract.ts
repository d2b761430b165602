import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { txTimestamp } from '../ledger/clock';

/** Network liveness: who is calling, on which channel, at which transaction time. */
@Info({ title: 'System', description: 'Liveness and caller information' })
export class SystemContract extends CodedContract {
  constructor() {
    super('system');
  }

  /** Returns the channel, the caller's MSP ID and the transaction timestamp. */
  @Transaction(false)
  @Returns('string')
  public Ping(ctx: Context): Promise<string> {
    return Promise.resolve(
      JSON.stringify({
        channel: ctx.stub.getChannelID(),
        mspId: ctx.clientIdentity.getMSPID(),
        txId: ctx.stub.getTxID(),
        txTimestamp: txTimestamp(ctx),
      }),
    );
  }

  /** Same as Ping, but ordered and committed: the network's trivial write path. */
  @Transaction()
  @Returns('string')
  public PingWrite(ctx: Context): Promise<string> {
    return this.Ping(ctx);
  }
}

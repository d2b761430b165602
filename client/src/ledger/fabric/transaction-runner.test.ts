import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, StatusCode, type Status } from '@hyperledger/fabric-gateway';
import { LedgerError } from '../ledger-error';
import { newTransactionRunner, type ContractLike, type SubmittedTransactionLike } from './transaction-runner';

const encoder = new TextEncoder();

function committed(transactionId: string, code: number, result = '{}'): SubmittedTransactionLike {
  const status: Status = {
    blockNumber: 7n,
    code: code as Status['code'],
    successful: code === StatusCode.VALID,
    transactionId,
  };
  return {
    getResult: () => encoder.encode(result),
    getTransactionId: () => transactionId,
    getStatus: () => Promise.resolve(status),
  };
}

/** A contract whose submits commit with the given validation codes, one per attempt. */
function contractCommitting(codes: number[]) {
  const calls: { name: string; args: string[] }[] = [];
  const contract: ContractLike = {
    evaluate: () => Promise.resolve(encoder.encode('{}')),
    submitAsync: (name, options) => {
      calls.push({ name, args: options.arguments });
      const code = codes[calls.length - 1] ?? StatusCode.VALID;
      return Promise.resolve(committed(`tx-${calls.length}`, code, `{"attempt":${calls.length}}`));
    },
  };
  return { contract, calls };
}

describe('transaction runner', () => {
  const sleeps: number[] = [];
  const options = {
    maxAttempts: 3,
    retryBackoffMs: 100,
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };

  beforeEach(() => {
    sleeps.length = 0;
  });

  it('returns the result and transaction id of a committed transaction', async () => {
    const { contract, calls } = contractCommitting([StatusCode.VALID]);
    const out = await newTransactionRunner(contract, options).submit('trade:ConfirmContract', ['po-1']);
    expect(out.transactionId).toBe('tx-1');
    expect(new TextDecoder().decode(out.result)).toBe('{"attempt":1}');
    expect(calls).toEqual([{ name: 'trade:ConfirmContract', args: ['po-1'] }]);
  });

  it('retries an MVCC read conflict with a new transaction and backs off', async () => {
    const { contract, calls } = contractCommitting([StatusCode.MVCC_READ_CONFLICT, StatusCode.MVCC_READ_CONFLICT]);
    const out = await newTransactionRunner(contract, options).submit('trade:FinanceReceivable', ['inv-1', '{}']);
    expect(out.transactionId).toBe('tx-3');
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('gives up after the last attempt with a conflict at the commit stage', async () => {
    const { contract } = contractCommitting([
      StatusCode.MVCC_READ_CONFLICT,
      StatusCode.MVCC_READ_CONFLICT,
      StatusCode.MVCC_READ_CONFLICT,
    ]);
    const err = await newTransactionRunner(contract, options)
      .submit('trade:FinanceReceivable', [])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect(err).toMatchObject({
      failure: 'conflict',
      stage: 'commit',
      transactionId: 'tx-3',
      validationCode: 'MVCC_READ_CONFLICT',
    });
  });

  it('does not retry other invalid commits', async () => {
    const { contract, calls } = contractCommitting([StatusCode.ENDORSEMENT_POLICY_FAILURE]);
    const err = await newTransactionRunner(contract, options)
      .submit('trade:ConfirmContract', ['po-1'])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      failure: 'invalid',
      validationCode: 'ENDORSEMENT_POLICY_FAILURE',
      transactionId: 'tx-1',
    });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a refusal at endorsement', async () => {
    let attempts = 0;
    const contract: ContractLike = {
      evaluate: () => Promise.reject(new Error('unused')),
      submitAsync: () => {
        attempts += 1;
        return Promise.reject(
          new EndorseError({
            code: GrpcStatus.ABORTED,
            details: [
              { address: 'p:7051', mspId: 'FactoryOrgMSP', message: 'chaincode response 500, CONFLICT: taken' },
            ],
            cause: Object.assign(new Error('aborted'), {
              code: GrpcStatus.ABORTED,
              details: '',
              metadata: new Metadata(),
            }),
            transactionId: 'tx-e',
          }),
        );
      },
    };
    const err = await newTransactionRunner(contract, options)
      .submit('registry:RegisterEnterprise', ['{}'])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      failure: 'refused',
      chaincodeCode: 'CONFLICT',
      stage: 'endorse',
      transactionId: 'tx-e',
    });
    expect(attempts).toBe(1);
  });

  it('translates evaluate failures at the evaluate stage', async () => {
    const contract: ContractLike = {
      evaluate: () => Promise.reject(new Error('socket hang up')),
      submitAsync: () => Promise.reject(new Error('unused')),
    };
    const err = await newTransactionRunner(contract, options)
      .evaluate('trade:GetContract', ['po-1'])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'failed', stage: 'evaluate', transactionName: 'trade:GetContract' });
  });
});

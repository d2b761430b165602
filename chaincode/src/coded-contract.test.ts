import { Context, Contract } from 'fabric-contract-api';
import { CodedContract } from './coded-contract';
import { ErrorCode, isContractError } from './errors';
import { contracts } from './index';

const all = (contracts as (new () => Contract)[]).map((C) => {
  const contract = new C();
  return [contract.getName(), contract] as const;
});

function callOf(fcn: string): Context {
  return { stub: { getFunctionAndParameters: () => ({ fcn, params: ['x'] }) } } as unknown as Context;
}

describe('unknown transactions', () => {
  it('are handled by every contract of the chaincode', () => {
    expect(all.map(([name]) => name)).toEqual([
      'system',
      'registry',
      'production',
      'history',
      'consent',
      'profile',
      'trade',
      'reconciliation',
    ]);
    for (const [, contract] of all) expect(contract).toBeInstanceOf(CodedContract);
  });

  it.each(all)('%s refuses one with INVALID_ARGUMENT naming it', async (name, contract) => {
    const refusal: unknown = await contract.unknownTransaction(callOf(`${name}:SubmitRecordz`)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isContractError(refusal, ErrorCode.INVALID_ARGUMENT)).toBe(true);
    expect((refusal as Error).message).toBe(`INVALID_ARGUMENT: unknown transaction ${name}:SubmitRecordz`);
  });
});

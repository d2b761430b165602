import { Metadata, ServiceError, status } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
// SubmitError is exported as a type only; the class is what the library throws.
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { classifyLedgerError } from './ledger-error';

function serviceError(code: status, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new Metadata() });
}

describe('classifyLedgerError', () => {
  it('refuses, with the chaincode code, what the contract refused', () => {
    const err = new EndorseError({
      code: status.ABORTED,
      message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
      details: [
        {
          address: 'peer0.factory.scc.example:7051',
          mspId: 'FactoryOrgMSP',
          message: 'chaincode response 500, FORBIDDEN: the caller identity is not the gateway of device sme/press-1',
        },
      ],
      cause: serviceError(status.ABORTED, 'failed to endorse transaction'),
      transactionId: 'tx-1',
    });
    const classified = classifyLedgerError(err);
    expect(classified.kind).toBe('REFUSED');
    expect(classified.code).toBe('FORBIDDEN');
    expect(classified.message).toBe('FORBIDDEN: the caller identity is not the gateway of device sme/press-1');
    expect(classified.transactionId).toBe('tx-1');
    expect(classified.details[0]?.mspId).toBe('FactoryOrgMSP');
  });

  it('finds the code in the message when the gateway gives no details', () => {
    const err = new GatewayError({
      code: status.UNKNOWN,
      message:
        '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, CONFLICT: records[0] differs',
      details: [],
      cause: serviceError(status.UNKNOWN, 'x'),
    });
    expect([classifyLedgerError(err).kind, classifyLedgerError(err).code]).toEqual(['REFUSED', 'CONFLICT']);
  });

  it('retries when the peer is unavailable or the deadline passed', () => {
    for (const code of [status.UNAVAILABLE, status.DEADLINE_EXCEEDED]) {
      const err = new EndorseError({
        code,
        message: `${code} connection dropped`,
        details: [],
        cause: serviceError(code, 'x'),
        transactionId: 'tx-2',
      });
      const classified = classifyLedgerError(err);
      expect(classified.kind).toBe('RETRY');
      expect(classified.code).toBe(code === status.UNAVAILABLE ? 'UNAVAILABLE' : 'DEADLINE_EXCEEDED');
    }
  });

  it('retries an endorsement failure that carries no contract code', () => {
    const err = new EndorseError({
      code: status.ABORTED,
      message: '10 ABORTED: failed to endorse transaction',
      details: [{ address: 'peer0', mspId: 'CoreOrgMSP', message: 'chaincode scc not found' }],
      cause: serviceError(status.ABORTED, 'x'),
      transactionId: 'tx-3',
    });
    expect(classifyLedgerError(err)).toMatchObject({ kind: 'RETRY', code: 'ABORTED' });
    expect(classifyLedgerError(err).message).toContain('peer0: chaincode scc not found');
  });

  it('retries an MVCC read conflict at commit and an ordering failure', () => {
    const conflict = new CommitError({
      code: StatusCode.MVCC_READ_CONFLICT,
      transactionId: 'tx-4',
      message: 'Transaction tx-4 failed to commit with status code 11 (MVCC_READ_CONFLICT)',
    });
    expect(classifyLedgerError(conflict)).toMatchObject({
      kind: 'RETRY',
      code: 'MVCC_READ_CONFLICT',
      transactionId: 'tx-4',
    });
    const ordering = new SubmitError({
      code: status.UNAVAILABLE,
      message: '14 UNAVAILABLE: no orderer',
      details: [],
      cause: serviceError(status.UNAVAILABLE, 'x'),
      transactionId: 'tx-5',
    });
    expect(classifyLedgerError(ordering)).toMatchObject({ kind: 'RETRY', code: 'UNAVAILABLE' });
  });

  it('retries anything else', () => {
    expect(classifyLedgerError(new Error('socket hang up'))).toMatchObject({ kind: 'RETRY', code: 'UNKNOWN' });
  });
});

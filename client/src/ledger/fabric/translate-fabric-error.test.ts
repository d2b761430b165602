import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { LedgerError } from '../ledger-error';
import { translateFabricError } from './translate-fabric-error';

function serviceError(code: GrpcStatus, message: string): ServiceError {
  return Object.assign(new Error(`${code} ${message}`), {
    code: code,
    details: message,
    metadata: new Metadata(),
  });
}

const factoryPeer = { address: 'peer0.factory.scc.example:7051', mspId: 'FactoryOrgMSP' };
const bankPeer = { address: 'peer0.bank.scc.example:9051', mspId: 'BankOrgMSP' };

describe('translateFabricError', () => {
  it('keeps the chaincode code, the endorse stage, the transaction id and every peer', () => {
    const details = [
      { ...factoryPeer, message: 'chaincode response 500, ALREADY_FINANCED: receivable inv-1 is financed' },
      { ...bankPeer, message: 'chaincode response 500, ALREADY_FINANCED: receivable inv-1 is financed' },
    ];
    const err = new EndorseError({
      code: GrpcStatus.ABORTED,
      details,
      cause: serviceError(GrpcStatus.ABORTED, 'failed to endorse transaction'),
      transactionId: 'tx-123',
      message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
    });
    const translated = translateFabricError(err, 'endorse', 'trade:FinanceReceivable');
    expect(translated).toBeInstanceOf(LedgerError);
    expect(translated).toMatchObject({
      failure: 'refused',
      chaincodeCode: 'ALREADY_FINANCED',
      stage: 'endorse',
      transactionId: 'tx-123',
      transactionName: 'trade:FinanceReceivable',
      grpcCode: GrpcStatus.ABORTED,
      message: 'ALREADY_FINANCED: receivable inv-1 is financed',
      peers: details,
    });
  });

  it('finds the code of an evaluate failure in the gateway message', () => {
    const err = new GatewayError({
      code: GrpcStatus.UNKNOWN,
      details: [],
      cause: serviceError(GrpcStatus.UNKNOWN, 'evaluate'),
      message:
        '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: contract po-9 does not exist',
    });
    expect(translateFabricError(err, 'evaluate', 'trade:GetContract')).toMatchObject({
      failure: 'refused',
      chaincodeCode: 'NOT_FOUND',
      stage: 'evaluate',
      transactionId: undefined,
    });
  });

  it('keeps the transport internals of an unreachable peer (addresses, OpenSSL sources) out of the message', () => {
    const tls = new GatewayError({
      code: GrpcStatus.UNAVAILABLE,
      details: [],
      cause: serviceError(GrpcStatus.UNAVAILABLE, 'No connection established'),
      message:
        '14 UNAVAILABLE: No connection established. Last error: Error: 805CC3A16C7F0000:error:0A00010B:SSL routines:' +
        'ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n. Resolution note: ',
    });
    const refused = new GatewayError({
      code: GrpcStatus.UNAVAILABLE,
      details: [],
      cause: serviceError(GrpcStatus.UNAVAILABLE, 'No connection established'),
      message:
        '14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:58999. Resolution note: ',
    });
    for (const err of [tls, refused]) {
      const translated = translateFabricError(err, 'evaluate', 'registry:WhoAmI');
      expect(translated.message).toBe(
        'the ledger did not answer registry:WhoAmI in time or could not be reached: 14 UNAVAILABLE: No connection established',
      );
      expect(translated.cause).toBe(err);
    }
  });

  it('marks unreachable peers and passed deadlines as unavailable', () => {
    const unreachable = new GatewayError({
      code: GrpcStatus.UNAVAILABLE,
      details: [],
      cause: serviceError(GrpcStatus.UNAVAILABLE, 'No connection established'),
      message: '14 UNAVAILABLE: No connection established',
    });
    expect(translateFabricError(unreachable, 'evaluate', 'registry:GetEnterprise')).toMatchObject({
      failure: 'unavailable',
      stage: 'evaluate',
      grpcCode: GrpcStatus.UNAVAILABLE,
    });
    const late = new CommitStatusError({
      code: GrpcStatus.DEADLINE_EXCEEDED,
      details: [],
      cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      transactionId: 'tx-late',
      message: '4 DEADLINE_EXCEEDED: Deadline exceeded',
    });
    expect(translateFabricError(late, 'endorse', 'trade:ConfirmContract')).toMatchObject({
      failure: 'unavailable',
      stage: 'commit',
      transactionId: 'tx-late',
    });
  });

  it('marks a chaincode server that no peer can reach as unavailable, not when one peer says something else', () => {
    const dial =
      'error in simulation: failed to execute transaction: could not launch chaincode scc_1:ab: connection to chaincode failed: dial tcp 127.0.0.1:7060: connect: connection refused';
    const stopped = new GatewayError({
      code: GrpcStatus.ABORTED,
      details: [
        { ...factoryPeer, message: dial },
        { ...bankPeer, message: 'chaincode stream terminated' },
      ],
      cause: serviceError(GrpcStatus.ABORTED, 'failed to evaluate transaction'),
      message: '10 ABORTED: failed to evaluate transaction, see attached details for more info',
    });
    expect(translateFabricError(stopped, 'evaluate', 'registry:GetEnterprise')).toMatchObject({
      failure: 'unavailable',
    });
    const mixed = new GatewayError({
      code: GrpcStatus.ABORTED,
      details: [
        { ...factoryPeer, message: dial },
        { ...bankPeer, message: 'endorsement failure during query' },
      ],
      cause: serviceError(GrpcStatus.ABORTED, 'failed to evaluate transaction'),
      message: '10 ABORTED: failed to evaluate transaction, see attached details for more info',
    });
    expect(translateFabricError(mixed, 'evaluate', 'registry:GetEnterprise')).toMatchObject({ failure: 'failed' });
  });

  it('keeps the submit stage and the orderer’s details', () => {
    const err = new SubmitError({
      code: GrpcStatus.ABORTED,
      details: [{ address: 'orderer0:7050', mspId: 'OrdererMSP', message: 'SERVICE_UNAVAILABLE' }],
      cause: serviceError(GrpcStatus.ABORTED, 'rejected'),
      transactionId: 'tx-9',
      message: '10 ABORTED: rejected by the orderer',
    });
    expect(translateFabricError(err, 'endorse', 'trade:ShipDelivery')).toMatchObject({
      failure: 'failed',
      stage: 'submit',
      transactionId: 'tx-9',
      peers: [{ address: 'orderer0:7050', mspId: 'OrdererMSP', message: 'SERVICE_UNAVAILABLE' }],
    });
  });

  it('wraps anything else as a failure at the given stage', () => {
    expect(translateFabricError(new Error('boom'), 'evaluate', 'system:Ping')).toMatchObject({
      failure: 'failed',
      stage: 'evaluate',
      message: 'system:Ping failed: boom',
    });
  });
});

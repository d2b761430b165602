import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { parseChaincodeRefusal } from '../chaincode-error-code';
import { LedgerError, type LedgerStage, type PeerErrorDetail } from '../ledger-error';

const STAGE_BY_ERROR_NAME: Readonly<Record<string, LedgerStage>> = {
  EndorseError: 'endorse',
  SubmitError: 'submit',
  CommitStatusError: 'commit',
};

const UNAVAILABLE_CODES: ReadonlySet<number> = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);

/**
 * What a peer says when it cannot reach the chaincode server (stopped, restarting): the ledger is
 * out of reach for now, like an unreachable peer, and the caller should retry later.
 */
const CHAINCODE_UNREACHABLE = /could not launch chaincode|chaincode stream terminated|connect: connection refused/;

/**
 * The gRPC status line of a transport failure without what follows it ("Last error: …" carries
 * socket addresses and OpenSSL source paths); the whole text stays on the error's `cause` for logs.
 */
function transportSummary(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? '';
  const cut = firstLine.indexOf('. Last error:');
  return cut >= 0 ? firstLine.slice(0, cut) : firstLine;
}

function transactionIdOf(err: GatewayError): string | undefined {
  const id = (err as Partial<{ transactionId: unknown }>).transactionId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Turns an error thrown by `@hyperledger/fabric-gateway` into a {@link LedgerError}, keeping the stage,
 * the transaction id, each peer's message and the chaincode's refusal code when there is one.
 */
export function translateFabricError(err: unknown, fallbackStage: LedgerStage, transactionName: string): LedgerError {
  if (err instanceof LedgerError) return err;
  if (err instanceof GatewayError) {
    const stage = STAGE_BY_ERROR_NAME[err.name] ?? fallbackStage;
    const peers: PeerErrorDetail[] = err.details.map((d) => ({
      mspId: d.mspId,
      address: d.address,
      message: d.message,
    }));
    const refusal = [...peers.map((p) => p.message), err.message]
      .map(parseChaincodeRefusal)
      .find((r) => r !== undefined);
    const common = {
      stage,
      transactionName,
      transactionId: transactionIdOf(err),
      grpcCode: err.code,
      peers,
      cause: err,
    };
    if (refusal !== undefined) {
      return new LedgerError({ ...common, failure: 'refused', chaincodeCode: refusal.code, message: refusal.message });
    }
    const messages = peers.length > 0 ? peers.map((p) => p.message) : [err.message];
    if (UNAVAILABLE_CODES.has(err.code) || messages.every((m) => CHAINCODE_UNREACHABLE.test(m))) {
      return new LedgerError({
        ...common,
        failure: 'unavailable',
        message: `the ledger did not answer ${transactionName} in time or could not be reached: ${transportSummary(err.message)}`,
      });
    }
    return new LedgerError({ ...common, failure: 'failed', message: `${transactionName} failed: ${err.message}` });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new LedgerError({
    failure: 'failed',
    stage: fallbackStage,
    transactionName,
    message: `${transactionName} failed: ${message}`,
    cause: err,
  });
}

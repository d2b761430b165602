import { CONTRACT_CODES } from '@sme-credit-chain/gateway-agent';

/** One of the stable codes that start every chaincode refusal (see chaincode/API.md). */
export type ChaincodeErrorCode = (typeof CONTRACT_CODES)[number];

/** A chaincode refusal found in a peer or gateway message: its code and the sentence after it. */
export interface ChaincodeRefusal {
  readonly code: ChaincodeErrorCode;
  readonly message: string;
}

const REFUSAL = new RegExp(`(?:^|[\\s,:])(${CONTRACT_CODES.join('|')}): (.*)$`, 's');

/**
 * Finds the chaincode refusal in a message such as
 * `chaincode response 500, NOT_FOUND: contract po-1 does not exist`.
 */
export function parseChaincodeRefusal(message: string): ChaincodeRefusal | undefined {
  const m = REFUSAL.exec(message);
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  return { code: m[1] as ChaincodeErrorCode, message: `${m[1]}: ${m[2].trim()}` };
}

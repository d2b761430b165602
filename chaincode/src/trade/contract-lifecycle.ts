import { invalidState } from '../errors';
import { fromMinorUnits } from '../ledger/money';
import type { ContractLine } from './contract-line';
import type { TradeContract } from './trade-contract';
import { otherSide, requireSide, sideOf, type TradeActor, type TradeSide } from './trade-party';
import { forbidden } from '../errors';

/** A validated purchase order proposal (see `parseContractProposal`). */
export interface ContractProposal {
  readonly id: string;
  readonly buyerId: string;
  readonly sellerId: string;
  readonly documentHash: string;
  readonly lines: readonly ContractLine[];
  readonly currency: string;
  readonly deliveryDue: string;
  readonly paymentTermsDays: number;
  /** Sum of the line quantities. */
  readonly totalQty: number;
  /** Sum of qty × unitPrice, in minor units. */
  readonly totalMinor: number;
}

/** A new PROPOSED contract; the actor must be bound to the buyer or the seller. */
export function proposeContract(proposal: ContractProposal, actor: TradeActor, now: string): TradeContract {
  if (sideOf(proposal, actor.enterpriseId) === undefined) {
    throw forbidden(
      `only the buyer (${proposal.buyerId}) or the seller (${proposal.sellerId}) may propose contract ${proposal.id}`,
    );
  }
  return {
    id: proposal.id,
    buyerId: proposal.buyerId,
    sellerId: proposal.sellerId,
    documentHash: proposal.documentHash,
    lines: proposal.lines.map((l) => ({ sku: l.sku, qty: l.qty, unitPrice: l.unitPrice })),
    currency: proposal.currency,
    deliveryDue: proposal.deliveryDue,
    paymentTermsDays: proposal.paymentTermsDays,
    totalQty: proposal.totalQty,
    totalAmount: fromMinorUnits(proposal.totalMinor),
    status: 'PROPOSED',
    proposedBy: actor.identityId,
    proposedAt: now,
    shippedQty: 0,
    receivedQty: 0,
    invoicedAmount: 0,
  };
}

function requireCounterParty(
  contract: TradeContract,
  actor: TradeActor,
  proposerSide: TradeSide,
  action: string,
): void {
  requireSide(contract, actor, otherSide(proposerSide), action);
}

function requireStatus(contract: TradeContract, allowed: readonly TradeContract['status'][], action: string): void {
  if (!allowed.includes(contract.status)) {
    throw invalidState(`contract ${contract.id} is ${contract.status}; ${action} needs ${allowed.join(' or ')}`);
  }
}

/**
 * Confirms a PROPOSED contract; only the party that did not propose it may.
 * `proposerSide` is the side of the enterprise the proposing identity is bound to.
 */
export function confirmContract(
  contract: TradeContract,
  actor: TradeActor,
  proposerSide: TradeSide,
  now: string,
): TradeContract {
  requireCounterParty(contract, actor, proposerSide, 'confirm it');
  requireStatus(contract, ['PROPOSED'], 'confirmation');
  return { ...contract, status: 'CONFIRMED', confirmedBy: actor.identityId, confirmedAt: now };
}

/** Rejects a PROPOSED contract with a reason; only the party that did not propose it may. */
export function rejectContract(
  contract: TradeContract,
  actor: TradeActor,
  proposerSide: TradeSide,
  reason: string,
  now: string,
): TradeContract {
  requireCounterParty(contract, actor, proposerSide, 'reject it');
  requireStatus(contract, ['PROPOSED'], 'rejection');
  return { ...contract, status: 'REJECTED', rejectedBy: actor.identityId, rejectedAt: now, rejectReason: reason };
}

/**
 * Cancellation by agreement: the first party's call records the request, the other party's
 * call cancels the contract. `requesterSide` is the side of the identity that asked first, if any.
 */
export function cancelContract(
  contract: TradeContract,
  actor: TradeActor,
  requesterSide: TradeSide | undefined,
  reason: string,
  now: string,
): TradeContract {
  const side = sideOf(contract, actor.enterpriseId);
  if (side === undefined) {
    throw forbidden(`only the buyer or the seller of contract ${contract.id} may cancel it`);
  }
  requireStatus(contract, ['PROPOSED', 'CONFIRMED'], 'cancellation');
  if (contract.cancelRequestedBy === undefined || requesterSide === undefined) {
    return { ...contract, cancelRequestedBy: actor.identityId, cancelRequestedAt: now, cancelReason: reason };
  }
  if (requesterSide === side) {
    throw invalidState(
      `contract ${contract.id}: the ${side} already asked for cancellation; the ${otherSide(side)} must agree`,
    );
  }
  return { ...contract, status: 'CANCELLED', cancelledBy: actor.identityId, cancelledAt: now };
}

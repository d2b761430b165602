import { invalidArgument, invalidState, limitExceeded } from '../errors';
import type { Delivery } from './delivery';
import type { EvidenceKey } from './evidence-key';
import type { TradeContract } from './trade-contract';
import { requireSide, type TradeActor } from './trade-party';
import { compareMoments } from './trade-time';

/** A validated shipment (see `parseShipment`). */
export interface Shipment {
  readonly id: string;
  readonly contractId: string;
  readonly qty: number;
  readonly shippedAt: string;
  readonly evidence: readonly EvidenceKey[];
}

/** A validated receipt: quantity accepted by the buyer and when. */
export interface Receipt {
  readonly receivedQty: number;
  readonly receivedAt: string;
}

/**
 * Ships goods under a CONFIRMED contract: the seller only, evidence from the seller's own
 * production records made no later than the shipment, and never more than the contract quantity.
 */
export function shipDelivery(
  contract: TradeContract,
  shipment: Shipment,
  actor: TradeActor,
  now: string,
): { delivery: Delivery; contract: TradeContract } {
  requireSide(contract, actor, 'seller', 'ship goods under it');
  if (contract.status !== 'CONFIRMED') {
    throw invalidState(`contract ${contract.id} is ${contract.status}; shipping needs CONFIRMED`);
  }
  if (compareMoments(shipment.shippedAt, now) > 0) {
    throw invalidArgument('shippedAt', 'must not be after the transaction time');
  }
  shipment.evidence.forEach((key, i) => {
    if (key.enterpriseId !== contract.sellerId) {
      throw invalidArgument(`evidence[${i}].enterpriseId`, `must be the seller ${contract.sellerId}`);
    }
    if (compareMoments(key.periodStart, shipment.shippedAt) > 0) {
      throw invalidArgument(`evidence[${i}].periodStart`, 'must not be after shippedAt');
    }
  });
  const shippedQty = contract.shippedQty + shipment.qty;
  if (shippedQty > contract.totalQty) {
    throw limitExceeded(
      `delivery ${shipment.id}: ${shipment.qty} units would bring contract ${contract.id} to ${shippedQty} shipped, above its ${contract.totalQty}`,
    );
  }
  const delivery: Delivery = {
    id: shipment.id,
    contractId: contract.id,
    qty: shipment.qty,
    shippedAt: shipment.shippedAt,
    evidence: shipment.evidence.map((k) => ({
      enterpriseId: k.enterpriseId,
      deviceId: k.deviceId,
      periodStart: k.periodStart,
    })),
    status: 'SHIPPED',
    shippedBy: actor.identityId,
    recordedAt: now,
  };
  return { delivery, contract: { ...contract, shippedQty } };
}

/**
 * The buyer confirms receipt of a SHIPPED delivery: at most the shipped quantity, not before
 * the shipment. Goods shipped before a cancellation may still be received.
 */
export function receiveDelivery(
  contract: TradeContract,
  delivery: Delivery,
  receipt: Receipt,
  actor: TradeActor,
): { delivery: Delivery; contract: TradeContract } {
  requireSide(contract, actor, 'buyer', 'receive its deliveries');
  if (delivery.status !== 'SHIPPED') {
    throw invalidState(`delivery ${delivery.id} is ${delivery.status}; receiving needs SHIPPED`);
  }
  if (contract.status !== 'CONFIRMED' && contract.status !== 'CANCELLED') {
    throw invalidState(`contract ${contract.id} is ${contract.status}; receiving needs CONFIRMED or CANCELLED`);
  }
  if (receipt.receivedQty > delivery.qty) {
    throw limitExceeded(
      `delivery ${delivery.id}: received ${receipt.receivedQty} is above the ${delivery.qty} shipped`,
    );
  }
  if (compareMoments(receipt.receivedAt, delivery.shippedAt) < 0) {
    throw invalidArgument('receivedAt', 'must not be before shippedAt');
  }
  return {
    delivery: {
      ...delivery,
      status: 'RECEIVED',
      receivedQty: receipt.receivedQty,
      receivedAt: receipt.receivedAt,
      receivedBy: actor.identityId,
    },
    contract: { ...contract, receivedQty: contract.receivedQty + receipt.receivedQty },
  };
}

import { forbidden } from '../errors';
import type { TradeContract } from './trade-contract';

/** The side of a purchase order an enterprise is on. */
export type TradeSide = 'buyer' | 'seller';

/** The caller of a trade transaction: its identity and the enterprise it is bound to. */
export interface TradeActor {
  readonly identityId: string;
  readonly enterpriseId: string;
}

/** The side of the contract the enterprise is on, or undefined when it is not a party. */
export function sideOf(
  contract: Pick<TradeContract, 'buyerId' | 'sellerId'>,
  enterpriseId: string,
): TradeSide | undefined {
  if (enterpriseId === contract.buyerId) return 'buyer';
  if (enterpriseId === contract.sellerId) return 'seller';
  return undefined;
}

/** The enterprise on the given side of the contract. */
export function partyOn(contract: Pick<TradeContract, 'buyerId' | 'sellerId'>, side: TradeSide): string {
  return side === 'buyer' ? contract.buyerId : contract.sellerId;
}

/** The other side. */
export function otherSide(side: TradeSide): TradeSide {
  return side === 'buyer' ? 'seller' : 'buyer';
}

/** Refuses unless the actor is bound to the enterprise on `side` of the contract. */
export function requireSide(
  contract: Pick<TradeContract, 'id' | 'buyerId' | 'sellerId'>,
  actor: TradeActor,
  side: TradeSide,
  action: string,
): void {
  if (actor.enterpriseId !== partyOn(contract, side)) {
    throw forbidden(`only the ${side} (${partyOn(contract, side)}) of contract ${contract.id} may ${action}`);
  }
}

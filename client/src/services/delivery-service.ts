import type { Caller } from '../auth/caller';
import type { Delivery, Receipt, Shipment } from '../domain/delivery';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';

/** Deliveries shipped by the seller and received by the buyer. */
export class DeliveryService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  ship(caller: Caller, shipment: Shipment): Promise<Submitted<Delivery>> {
    return this.#ledgers.forIdentity(caller.identity).shipDelivery(shipment);
  }

  receive(caller: Caller, id: string, receipt: Receipt): Promise<Submitted<Delivery>> {
    return this.#ledgers.forIdentity(caller.identity).receiveDelivery(id, receipt);
  }

  get(caller: Caller, id: string): Promise<Delivery> {
    return this.#ledgers.forIdentity(caller.identity).getDelivery(id);
  }
}

import type { Caller } from '../auth/caller';
import type { Device, DeviceRegistration } from '../domain/device';
import type { Page, PageRequest } from '../domain/page';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';
import { assertActsFor } from './acting-for';

/** Registers and reads an enterprise's devices. */
export class DeviceService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  register(caller: Caller, enterpriseId: string, device: DeviceRegistration): Promise<Submitted<Device>> {
    assertActsFor(caller, enterpriseId, 'enterpriseId');
    return this.#ledgers.forIdentity(caller.identity).registerDevice({ ...device, enterpriseId });
  }

  get(caller: Caller, enterpriseId: string, deviceId: string): Promise<Device> {
    return this.#ledgers.forIdentity(caller.identity).getDevice(enterpriseId, deviceId);
  }

  list(caller: Caller, enterpriseId: string, page: PageRequest): Promise<Page<Device>> {
    return this.#ledgers.forIdentity(caller.identity).listDevices(enterpriseId, page);
  }
}

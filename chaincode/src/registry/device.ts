import type { Context } from 'fabric-contract-api';
import { compositeKey, mustGetObject } from '../ledger/store';

/** Composite key type of devices: `device(enterpriseId, deviceId)`. */
export const DEVICE_KEY = 'device';

/** A machine of an enterprise whose production records one gateway identity writes. */
export interface Device {
  id: string;
  enterpriseId: string;
  kind: string;
  description: string;
  gatewayIdentity: string;
  registeredAt: string;
}

/** The ledger key of a device. */
export function deviceKey(ctx: Context, enterpriseId: string, deviceId: string): string {
  return compositeKey(ctx, DEVICE_KEY, [enterpriseId, deviceId]);
}

/** The device; `NOT_FOUND` when it is not registered. */
export function getDevice(ctx: Context, enterpriseId: string, deviceId: string): Promise<Device> {
  return mustGetObject<Device>(ctx, deviceKey(ctx, enterpriseId, deviceId), 'device', `${enterpriseId}/${deviceId}`);
}

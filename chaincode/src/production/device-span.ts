import type { Context } from 'fabric-contract-api';
import { compositeKey, getObject } from '../ledger/store';

/** Composite key type of a device's reporting span: `production-span(enterpriseId, deviceId)`. */
export const DEVICE_SPAN_KEY = 'production-span';

/** The first period start and the last period end of everything a device has reported. */
export interface DeviceSpan {
  enterpriseId: string;
  deviceId: string;
  firstPeriodStart: string;
  lastPeriodEnd: string;
  records: number;
}

/** The ledger key of a device's span (one per device: no contention between devices). */
export function deviceSpanKey(ctx: Context, enterpriseId: string, deviceId: string): string {
  return compositeKey(ctx, DEVICE_SPAN_KEY, [enterpriseId, deviceId]);
}

/** A device's span, or undefined before its first record. */
export function findDeviceSpan(ctx: Context, enterpriseId: string, deviceId: string): Promise<DeviceSpan | undefined> {
  return getObject<DeviceSpan>(ctx, deviceSpanKey(ctx, enterpriseId, deviceId));
}

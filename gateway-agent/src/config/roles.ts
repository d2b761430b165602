/**
 * What a register value means to the aggregator.
 * - `goodCount`, `rejectCount`, `faultCount`: monotonic counters (good parts, rejected parts, fault events)
 * - `energy`: an energy meter; its scaled value is in watt-hours
 * - `runState`: non-zero while the machine runs
 * - `faultCode`: non-zero while the machine is faulted (down)
 * - `clock`: the device's clock, seconds since the Unix epoch after scaling
 * - `measurement`: a plain value, kept in the raw samples only
 */
export const ROLES = [
  'goodCount',
  'rejectCount',
  'faultCount',
  'energy',
  'runState',
  'faultCode',
  'clock',
  'measurement',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles read as counters: the aggregator records their increase, handling wrap-around and resets. */
export const COUNTER_ROLES: readonly Role[] = ['goodCount', 'rejectCount', 'faultCount', 'energy'];

/** Roles of which a device may have at most one. */
export const SINGLE_ROLES: readonly Role[] = [
  'goodCount',
  'rejectCount',
  'faultCount',
  'energy',
  'runState',
  'faultCode',
  'clock',
];

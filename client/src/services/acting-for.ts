import type { Caller } from '../auth/caller';
import { AppError } from './app-error';

/** Refuses (403) when the caller's API key does not act for `enterpriseId`, named by `field`. */
export function assertActsFor(caller: Caller, enterpriseId: string, field: string): void {
  if (caller.enterpriseId !== enterpriseId) {
    throw new AppError(
      'FORBIDDEN',
      `${field}: this API key acts for enterprise ${caller.enterpriseId}, not ${enterpriseId}`,
      { field, actingFor: caller.enterpriseId },
    );
  }
}

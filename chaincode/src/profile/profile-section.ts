import type { Context } from 'fabric-contract-api';
import type { JsonObject } from '../ledger/store';
import type { ProfileFactor } from './profile-factor';
import type { ProfileWindow } from './profile-window';

/** What one area (production, trade) adds to a credit profile. */
export interface SectionResult {
  /** Figures reported under the section's name in the profile. */
  readonly figures: JsonObject;
  readonly factors: ProfileFactor[];
  /** Counts of the ledger entries read, merged into the profile's `computedFrom`. */
  readonly computedFrom: Readonly<Record<string, number>>;
}

/** One area of the credit profile; sections are listed in `profile-sections.ts`. */
export interface ProfileSection {
  /** Property name of the section's figures in the profile (`production`, `trade`). */
  readonly name: string;
  compute(ctx: Context, window: ProfileWindow): Promise<SectionResult>;
}

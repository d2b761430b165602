import { tradeSection } from '../trade/trade-section';
import { productionSection } from './production-section';
import type { ProfileSection } from './profile-section';

/** The sections of a credit profile, in the order their factors are listed. */
export const profileSections: readonly ProfileSection[] = [productionSection, tradeSection];

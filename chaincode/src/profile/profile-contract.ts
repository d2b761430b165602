import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { requireReadAccess } from '../access/consent-check';
import { canonicalJson, type JsonObject } from '../ledger/store';
import { parseId } from '../validation/fields';
import { score, type ProfileFactor } from './profile-factor';
import { profileSections } from './profile-sections';
import { parseProfileWindow } from './profile-window';

/** Credit profiles computed from ledger evidence. */
@Info({ title: 'Profile', description: 'Deterministic, explainable credit profile from ledger evidence' })
export class ProfileContract extends CodedContract {
  constructor() {
    super('profile');
  }

  /**
   * The credit profile of an enterprise over the `windowDays` whole UTC days ending with the day of
   * `asOf`. Readable by the enterprise's organisation or a bank with a live `profile` consent.
   */
  @Transaction(false)
  @Param('enterpriseId', 'string', 'the enterprise profiled')
  @Param('windowDays', 'string', '"90", "180" or "365"')
  @Param('asOf', 'string', 'date or time; the window ends with its UTC day')
  @Returns('string')
  public async GetCreditProfile(ctx: Context, enterpriseId: string, windowDays: string, asOf: string): Promise<string> {
    const window = parseProfileWindow(parseId(enterpriseId, 'enterpriseId'), windowDays, asOf);
    await requireReadAccess(ctx, window.enterpriseId, 'profile');
    const sections: JsonObject = {};
    const factors: ProfileFactor[] = [];
    const computedFrom: Record<string, number> = {};
    for (const section of profileSections) {
      const result = await section.compute(ctx, window);
      sections[section.name] = result.figures;
      factors.push(...result.factors);
      Object.assign(computedFrom, result.computedFrom);
    }
    const scored = score(factors);
    return canonicalJson({
      enterpriseId: window.enterpriseId,
      windowDays: window.windowDays,
      asOf: window.asOf,
      from: window.fromDay,
      to: window.toDay,
      score: scored.score,
      factors: scored.factors,
      ...sections,
      computedFrom,
    });
  }
}

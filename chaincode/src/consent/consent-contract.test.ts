import { expectRefusal } from '../testing/expect-refusal';
import { fakeIdentity } from '../testing/fake-identity';
import { newScenario } from '../testing/scenario';
import { RegistryContract } from '../registry/registry-contract';
import { ConsentContract } from './consent-contract';
import type { ConsentGrant } from './consent-grant';

const consent = new ConsentContract();
const registry = new RegistryContract();

describe('consent', () => {
  it('lets an SME grant a bank scopes until a time, stored canonically', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    const grant = JSON.parse(
      await s.ledger.submit(s.sme, (ctx) =>
        consent.GrantConsent(ctx, 'bank-1', '["profile","production"]', '2024-06-30T20:00:00-04:00'),
      ),
    ) as ConsentGrant;
    expect(grant).toEqual({
      smeId: 'sme-1',
      bankId: 'bank-1',
      scopes: ['production', 'profile'],
      expiresAt: '2024-07-01T00:00:00.000Z',
      grantedAt: expect.stringMatching(/^2024-01-01T00:00:\d\d\.000Z$/) as unknown,
    });
    const read = await s.ledger.evaluate(s.bank, (ctx) => consent.GetConsent(ctx, 'sme-1', 'bank-1'));
    expect(JSON.parse(read)).toEqual(grant);
    const byDate = JSON.parse(
      await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["trade"]', '2025-01-01')),
    ) as ConsentGrant;
    expect(byDate).toMatchObject({ scopes: ['trade'], expiresAt: '2025-01-01T00:00:00.000Z' });
  });

  it('refuses grants by non-SMEs, to non-banks, with bad scopes or a past expiry', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    const grant = (who = s.sme, bankId = 'bank-1', scopes = '["production"]', expiresAt = '2025-01-01T00:00:00Z') =>
      s.ledger.submit(who, (ctx) => consent.GrantConsent(ctx, bankId, scopes, expiresAt));
    await expectRefusal(grant(s.core), 'FORBIDDEN', 'only an SME grants');
    await expectRefusal(grant(s.gateway), 'FORBIDDEN', 'not bound to any enterprise');
    await expectRefusal(grant(s.sme, 'core-1'), 'INVALID_ARGUMENT', 'bankId must be a BANK enterprise');
    await expectRefusal(grant(s.sme, 'bank-9'), 'NOT_FOUND', 'enterprise bank-9 does not exist');
    await expectRefusal(grant(s.sme, 'bank-1', '[]'), 'INVALID_ARGUMENT', 'scopesJson must name at least one scope');
    await expectRefusal(grant(s.sme, 'bank-1', '["everything"]'), 'INVALID_ARGUMENT', 'scopesJson[0] must be one of');
    await expectRefusal(grant(s.sme, 'bank-1', '["trade","trade"]'), 'INVALID_ARGUMENT', 'scopesJson[1] is repeated');
    await expectRefusal(grant(s.sme, 'bank-1', 'production'), 'INVALID_ARGUMENT', 'scopesJson must be valid JSON');
    await expectRefusal(
      grant(s.sme, 'bank-1', '["trade"]', '2023-12-31T00:00:00Z'),
      'INVALID_ARGUMENT',
      'expiresAt must be after',
    );
    await expectRefusal(grant(s.sme, 'bank-1', '["trade"]', 'tomorrow'), 'INVALID_ARGUMENT', 'expiresAt');
    expect(s.ledger.keys().some((k) => k.includes('consent'))).toBe(false);
  });

  it('revokes a grant, which stops bank reads; revoking again changes nothing', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["production"]', '2025-01-01'));
    expect(await s.ledger.evaluate(s.bank, (ctx) => registry.GetDevice(ctx, 'sme-1', 'press-1'))).toContain('press-1');
    const revoked = JSON.parse(
      await s.ledger.submit(s.sme, (ctx) => consent.RevokeConsent(ctx, 'bank-1')),
    ) as ConsentGrant;
    expect(revoked.revokedAt).toMatch(/^2024-01-01T/);
    await expectRefusal(
      s.ledger.evaluate(s.bank, (ctx) => registry.GetDevice(ctx, 'sme-1', 'press-1')),
      'CONSENT_REQUIRED',
    );
    const again = JSON.parse(
      await s.ledger.submit(s.sme, (ctx) => consent.RevokeConsent(ctx, 'bank-1')),
    ) as ConsentGrant;
    expect(again).toEqual(revoked);
    await expectRefusal(
      s.ledger.submit(s.sme, (ctx) => consent.RevokeConsent(ctx, 'bank-2')),
      'NOT_FOUND',
      'consent sme-1/bank-2 does not exist',
    );
    await expectRefusal(
      s.ledger.submit(s.bank, (ctx) => consent.RevokeConsent(ctx, 'bank-1')),
      'FORBIDDEN',
    );
  });

  it('shows grants to the SME’s org and to each bank its own only', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    const bank2 = fakeIdentity('bank', 'owner-2');
    await s.ledger.submit(bank2, (ctx) =>
      registry.RegisterEnterprise(ctx, JSON.stringify({ id: 'bank-2', name: 'B2', role: 'BANK', mspId: 'BankOrgMSP' })),
    );
    await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["production"]', '2025-01-01'));
    await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-2', '["profile"]', '2025-01-01'));
    const list = (who = s.sme) =>
      s.ledger.evaluate(who, async (ctx) =>
        (JSON.parse(await consent.ListConsents(ctx, 'sme-1')) as ConsentGrant[]).map((g) => g.bankId),
      );
    expect(await list()).toEqual(['bank-1', 'bank-2']);
    expect(await list(s.gateway)).toEqual(['bank-1', 'bank-2']);
    expect(await list(s.bank)).toEqual(['bank-1']);
    expect(await list(bank2)).toEqual(['bank-2']);
    await expectRefusal(list(s.core), 'FORBIDDEN');
    await expectRefusal(
      s.ledger.evaluate(s.bank, (ctx) => consent.GetConsent(ctx, 'sme-1', 'bank-2')),
      'FORBIDDEN',
      'bank bank-1 may only read its own consent grants',
    );
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => consent.GetConsent(ctx, 'sme-1', 'core-1')),
      'NOT_FOUND',
    );
  });
});

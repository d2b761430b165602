import { ConsentContract } from '../consent/consent-contract';
import { FakeLedger } from '../testing/fake-ledger';
import { fakeIdentity } from '../testing/fake-identity';
import { expectRefusal } from '../testing/expect-refusal';
import { newScenario } from '../testing/scenario';
import { RegistryContract } from './registry-contract';

const registry = new RegistryContract();
const consent = new ConsentContract();
const enterpriseJson = (id: string, role: string, mspId: string) =>
  JSON.stringify({ id, name: `${id} Ltd`, role, mspId });

describe('registry', () => {
  it('registers an enterprise of the caller’s own org and binds the caller to it', async () => {
    const ledger = new FakeLedger('2024-02-01T10:00:00.000Z');
    const user = fakeIdentity('factory', 'User1');
    const before = JSON.parse(await ledger.evaluate(user, (ctx) => registry.WhoAmI(ctx))) as Record<string, unknown>;
    expect(before).toEqual({ identityId: user.getID(), mspId: 'FactoryOrgMSP' });
    const created = JSON.parse(
      await ledger.submit(user, (ctx) =>
        registry.RegisterEnterprise(ctx, enterpriseJson('sme-1', 'SME', 'FactoryOrgMSP')),
      ),
    ) as Record<string, unknown>;
    expect(created).toEqual({
      id: 'sme-1',
      name: 'sme-1 Ltd',
      role: 'SME',
      mspId: 'FactoryOrgMSP',
      registeredAt: '2024-02-01T10:00:01.000Z',
      registeredBy: user.getID(),
    });
    const after = JSON.parse(await ledger.evaluate(user, (ctx) => registry.WhoAmI(ctx))) as Record<string, unknown>;
    expect(after).toEqual({ identityId: user.getID(), mspId: 'FactoryOrgMSP', enterpriseId: 'sme-1' });
    const read = await ledger.evaluate(fakeIdentity('bank', 'x'), (ctx) => registry.GetEnterprise(ctx, 'sme-1'));
    expect(JSON.parse(read)).toEqual(created);
  });

  it('refuses an enterprise of another org, a taken id, an identity bound elsewhere and malformed input', async () => {
    const { ledger, sme, core } = await newScenario();
    const keysBefore = ledger.keys();
    await expectRefusal(
      ledger.submit(core, (ctx) =>
        registry.RegisterEnterprise(ctx, enterpriseJson('fake-sme', 'SME', 'FactoryOrgMSP')),
      ),
      'FORBIDDEN',
      'can only be registered by an identity of FactoryOrgMSP',
    );
    await expectRefusal(
      ledger.submit(fakeIdentity('factory', 'User2'), (ctx) =>
        registry.RegisterEnterprise(ctx, enterpriseJson('sme-1', 'SME', 'FactoryOrgMSP')),
      ),
      'ALREADY_EXISTS',
      'enterprise sme-1 already exists',
    );
    await expectRefusal(
      ledger.submit(sme, (ctx) => registry.RegisterEnterprise(ctx, enterpriseJson('sme-2', 'SME', 'FactoryOrgMSP'))),
      'CONFLICT',
      'already bound to enterprise sme-1',
    );
    await expectRefusal(
      ledger.submit(sme, (ctx) => registry.RegisterEnterprise(ctx, enterpriseJson('bad id', 'SME', 'FactoryOrgMSP'))),
      'INVALID_ARGUMENT',
      'enterpriseJson.id',
    );
    await expectRefusal(
      ledger.submit(sme, (ctx) => registry.RegisterEnterprise(ctx, enterpriseJson('x', 'LENDER', 'FactoryOrgMSP'))),
      'INVALID_ARGUMENT',
      'enterpriseJson.role must be one of SME, CORE, BANK',
    );
    await expectRefusal(
      ledger.submit(sme, (ctx) =>
        registry.RegisterEnterprise(ctx, '{"id":"x","name":"n","role":"SME","mspId":"FactoryOrgMSP","extra":1}'),
      ),
      'INVALID_ARGUMENT',
      'enterpriseJson.extra is not a known property',
    );
    await expectRefusal(
      ledger.evaluate(sme, (ctx) => registry.GetEnterprise(ctx, 'nobody')),
      'NOT_FOUND',
      'enterprise nobody does not exist',
    );
    expect(ledger.keys()).toEqual(keysBefore);
  });

  it('lists enterprises page by page', async () => {
    const { ledger, sme } = await newScenario();
    const first = JSON.parse(await ledger.evaluate(sme, (ctx) => registry.ListEnterprises(ctx, '2', ''))) as {
      records: { id: string }[];
      bookmark: string;
      fetchedCount: number;
    };
    expect(first.records.map((e) => e.id)).toEqual(['bank-1', 'core-1']);
    expect(first.fetchedCount).toBe(2);
    const second = JSON.parse(
      await ledger.evaluate(sme, (ctx) => registry.ListEnterprises(ctx, '2', first.bookmark)),
    ) as {
      records: { id: string }[];
      bookmark: string;
    };
    expect(second.records.map((e) => e.id)).toEqual(['sme-1']);
    expect(second.bookmark).toBe('');
    await expectRefusal(
      ledger.evaluate(sme, (ctx) => registry.ListEnterprises(ctx, '0', '')),
      'INVALID_ARGUMENT',
      'pageSize',
    );
  });

  it('binds another identity of the same CA; re-binding is a no-op, binding elsewhere a conflict', async () => {
    const { ledger, sme, core, bank } = await newScenario();
    const clerk = fakeIdentity('factory', 'clerk');
    const bound = JSON.parse(
      await ledger.submit(sme, (ctx) => registry.BindIdentity(ctx, 'sme-1', clerk.getID())),
    ) as Record<string, unknown>;
    expect(bound).toMatchObject({
      identityId: clerk.getID(),
      enterpriseId: 'sme-1',
      mspId: 'FactoryOrgMSP',
      boundBy: sme.getID(),
    });
    const again = JSON.parse(
      await ledger.submit(sme, (ctx) => registry.BindIdentity(ctx, 'sme-1', clerk.getID())),
    ) as unknown;
    expect(again).toEqual(bound);
    const who = JSON.parse(await ledger.evaluate(clerk, (ctx) => registry.WhoAmI(ctx))) as { enterpriseId: string };
    expect(who.enterpriseId).toBe('sme-1');

    // bound to sme-1 already: a second factory enterprise cannot take it
    const other = fakeIdentity('factory', 'owner-2');
    await ledger.submit(other, (ctx) =>
      registry.RegisterEnterprise(ctx, enterpriseJson('sme-2', 'SME', 'FactoryOrgMSP')),
    );
    await expectRefusal(
      ledger.submit(other, (ctx) => registry.BindIdentity(ctx, 'sme-2', clerk.getID())),
      'CONFLICT',
      'already bound to enterprise sme-1',
    );
    await expectRefusal(
      ledger.submit(core, (ctx) => registry.BindIdentity(ctx, 'sme-1', fakeIdentity('core', 'spy').getID())),
      'FORBIDDEN',
      'not bound to enterprise sme-1',
    );
    await expectRefusal(
      ledger.submit(sme, (ctx) => registry.BindIdentity(ctx, 'sme-1', fakeIdentity('bank', 'spy').getID())),
      'FORBIDDEN',
      'same certificate authority',
    );
    await expectRefusal(
      ledger.submit(bank, (ctx) => registry.BindIdentity(ctx, 'bank-1', 'CN=someone')),
      'INVALID_ARGUMENT',
      'identityId must be an identity ID',
    );
    await expectRefusal(
      ledger.submit(fakeIdentity('factory', 'stranger'), (ctx) =>
        registry.BindIdentity(ctx, 'sme-1', fakeIdentity('factory', 'x').getID()),
      ),
      'FORBIDDEN',
    );
  });

  it('registers devices for the caller’s own enterprise with a gateway of the same CA', async () => {
    const { ledger, sme, core, gateway } = await newScenario();
    const device = (id: string, enterpriseId: string, gatewayIdentity: string) =>
      JSON.stringify({ id, enterpriseId, kind: 'cnc', description: '', gatewayIdentity });
    const created = JSON.parse(
      await ledger.submit(sme, (ctx) => registry.RegisterDevice(ctx, device('cnc-1', 'sme-1', gateway.getID()))),
    ) as Record<string, unknown>;
    expect(created).toMatchObject({
      id: 'cnc-1',
      enterpriseId: 'sme-1',
      kind: 'cnc',
      gatewayIdentity: gateway.getID(),
    });
    await expectRefusal(
      ledger.submit(sme, (ctx) => registry.RegisterDevice(ctx, device('cnc-1', 'sme-1', gateway.getID()))),
      'ALREADY_EXISTS',
      'device sme-1/cnc-1 already exists',
    );
    await expectRefusal(
      ledger.submit(core, (ctx) => registry.RegisterDevice(ctx, device('cnc-2', 'sme-1', gateway.getID()))),
      'FORBIDDEN',
    );
    await expectRefusal(
      ledger.submit(fakeIdentity('factory', 'unbound'), (ctx) =>
        registry.RegisterDevice(ctx, device('cnc-2', 'sme-1', gateway.getID())),
      ),
      'FORBIDDEN',
    );
    await expectRefusal(
      ledger.submit(sme, (ctx) =>
        registry.RegisterDevice(ctx, device('cnc-2', 'sme-1', fakeIdentity('core', 'gw').getID())),
      ),
      'FORBIDDEN',
      'gatewayIdentity must be issued by the same certificate authority',
    );
    await expectRefusal(
      ledger.submit(sme, (ctx) => registry.RegisterDevice(ctx, device('cnc-2', 'sme-1', 'gateway'))),
      'INVALID_ARGUMENT',
      'deviceJson.gatewayIdentity',
    );
  });

  it('lets the SME’s org and consenting banks read devices, and nobody else', async () => {
    const { ledger, sme, core, bank, gateway } = await newScenario();
    const read = (who: typeof sme) => ledger.evaluate(who, (ctx) => registry.GetDevice(ctx, 'sme-1', 'press-1'));
    expect(JSON.parse(await read(gateway))).toMatchObject({ id: 'press-1', enterpriseId: 'sme-1' });
    await expectRefusal(read(core), 'FORBIDDEN');
    await expectRefusal(read(fakeIdentity('bank', 'unbound')), 'FORBIDDEN');
    await expectRefusal(read(bank), 'CONSENT_REQUIRED', 'scope production');
    await ledger.submit(sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["production"]', '2030-01-01T00:00:00Z'));
    expect(JSON.parse(await read(bank))).toMatchObject({ id: 'press-1' });
    await expectRefusal(
      ledger.evaluate(sme, (ctx) => registry.GetDevice(ctx, 'sme-1', 'nothing')),
      'NOT_FOUND',
      'device sme-1/nothing does not exist',
    );
    const page = JSON.parse(await ledger.evaluate(bank, (ctx) => registry.ListDevices(ctx, 'sme-1', '', ''))) as {
      records: { id: string }[];
      bookmark: string;
    };
    expect(page.records.map((d) => d.id)).toEqual(['press-1']);
    expect(page.bookmark).toBe('');
  });
});

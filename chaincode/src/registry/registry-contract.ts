import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { findCallerEnterprise, getCaller, parseIdentityId, requireBoundTo } from '../access/caller';
import { requireReadAccess } from '../access/consent-check';
import { alreadyExists, conflict, forbidden, invalidArgument } from '../errors';
import { txTimestamp } from '../ledger/clock';
import { canonicalJson, exists, putObject, readPage } from '../ledger/store';
import { Fields, parseId, parseJsonObject } from '../validation/fields';
import { parsePageArgs } from '../validation/paging';
import { DEVICE_KEY, deviceKey, getDevice, type Device } from './device';
import { ENTERPRISE_KEY, ENTERPRISE_ROLES, enterpriseKey, getEnterprise, type Enterprise } from './enterprise';
import { findBinding, identityKey, type IdentityBinding } from './identity-binding';

const MSP_ID = /^[A-Za-z0-9.-]{1,128}$/;

/** Enterprises, the client identities bound to them, and their devices. */
@Info({ title: 'Registry', description: 'Enterprises, identity bindings and devices' })
export class RegistryContract extends CodedContract {
  constructor() {
    super('registry');
  }

  /** The caller's identity ID and MSP ID, and the enterprise it is bound to, if any. */
  @Transaction(false)
  @Returns('string')
  public async WhoAmI(ctx: Context): Promise<string> {
    const caller = getCaller(ctx);
    const enterprise = await findCallerEnterprise(ctx);
    return canonicalJson({ identityId: caller.identityId, mspId: caller.mspId, enterpriseId: enterprise?.id });
  }

  /** Registers an enterprise of the caller's own organisation and binds the caller's identity to it. */
  @Transaction()
  @Param('enterpriseJson', 'string', '{id, name, role: SME|CORE|BANK, mspId}')
  @Returns('string')
  public async RegisterEnterprise(ctx: Context, enterpriseJson: string): Promise<string> {
    const f = new Fields(parseJsonObject(enterpriseJson, 'enterpriseJson'), 'enterpriseJson', [
      'id',
      'name',
      'role',
      'mspId',
    ]);
    const id = f.id('id');
    const name = f.string('name', { max: 256 });
    const role = f.oneOf('role', ENTERPRISE_ROLES);
    const mspId = f.string('mspId', { max: 128 });
    if (!MSP_ID.test(mspId)) {
      throw invalidArgument(f.field('mspId'), 'is not a valid MSP ID');
    }
    const caller = getCaller(ctx);
    if (mspId !== caller.mspId) {
      throw forbidden(
        `an enterprise of ${mspId} can only be registered by an identity of ${mspId}, not ${caller.mspId}`,
      );
    }
    if (await exists(ctx, enterpriseKey(ctx, id))) {
      throw alreadyExists('enterprise', id);
    }
    const binding = await findBinding(ctx, caller.identityId);
    if (binding) {
      throw conflict(`the caller identity is already bound to enterprise ${binding.enterpriseId}`);
    }
    const now = txTimestamp(ctx);
    const enterprise: Enterprise = { id, name, role, mspId, registeredAt: now, registeredBy: caller.identityId };
    const newBinding: IdentityBinding = {
      identityId: caller.identityId,
      enterpriseId: id,
      mspId,
      boundAt: now,
      boundBy: caller.identityId,
    };
    await putObject(ctx, enterpriseKey(ctx, id), enterprise);
    await putObject(ctx, identityKey(ctx, caller.identityId), newBinding);
    return canonicalJson(enterprise);
  }

  /** One enterprise; any channel member may read the registry. */
  @Transaction(false)
  @Param('id', 'string', 'enterprise id')
  @Returns('string')
  public async GetEnterprise(ctx: Context, id: string): Promise<string> {
    return canonicalJson(await getEnterprise(ctx, parseId(id, 'id')));
  }

  /** A page of enterprises in id order. */
  @Transaction(false)
  @Param('pageSize', 'string', '1-1000, "" for 100')
  @Param('bookmark', 'string', '"" for the first page')
  @Returns('string')
  public async ListEnterprises(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    const page = await readPage<Enterprise>(ctx, ENTERPRISE_KEY, [], parsePageArgs(pageSize, bookmark));
    return canonicalJson({ ...page, records: page.records.map((e) => e.value) });
  }

  /**
   * Binds another identity of the caller's organisation (same issuing CA) to the caller's enterprise.
   * Binding an identity already bound to that enterprise is a no-op; bound elsewhere is `CONFLICT`.
   */
  @Transaction()
  @Param('enterpriseId', 'string', 'the enterprise the caller is bound to')
  @Param('identityId', 'string', 'x509::<subject>::<issuer> of the identity to bind')
  @Returns('string')
  public async BindIdentity(ctx: Context, enterpriseId: string, identityId: string): Promise<string> {
    parseId(enterpriseId, 'enterpriseId');
    const target = parseIdentityId(identityId, 'identityId');
    const enterprise = await requireBoundTo(ctx, enterpriseId);
    const caller = getCaller(ctx);
    if (target.issuer !== parseIdentityId(caller.identityId, 'caller identity').issuer) {
      throw forbidden('identityId must be issued by the same certificate authority as the caller identity');
    }
    const existing = await findBinding(ctx, identityId);
    if (existing) {
      if (existing.enterpriseId !== enterpriseId) {
        throw conflict(`identityId is already bound to enterprise ${existing.enterpriseId}`);
      }
      return canonicalJson(existing);
    }
    const binding: IdentityBinding = {
      identityId,
      enterpriseId,
      mspId: enterprise.mspId,
      boundAt: txTimestamp(ctx),
      boundBy: caller.identityId,
    };
    await putObject(ctx, identityKey(ctx, identityId), binding);
    return canonicalJson(binding);
  }

  /** Registers a device of the caller's enterprise and names the gateway identity that writes its records. */
  @Transaction()
  @Param('deviceJson', 'string', '{id, enterpriseId, kind, description, gatewayIdentity}')
  @Returns('string')
  public async RegisterDevice(ctx: Context, deviceJson: string): Promise<string> {
    const f = new Fields(parseJsonObject(deviceJson, 'deviceJson'), 'deviceJson', [
      'id',
      'enterpriseId',
      'kind',
      'description',
      'gatewayIdentity',
    ]);
    const id = f.id('id');
    const enterpriseId = f.id('enterpriseId');
    const kind = f.string('kind', { max: 128 });
    const description = f.string('description', { min: 0, max: 1024 });
    const gatewayIdentity = f.string('gatewayIdentity', { max: 1024 });
    const gateway = parseIdentityId(gatewayIdentity, f.field('gatewayIdentity'));
    await requireBoundTo(ctx, enterpriseId);
    if (gateway.issuer !== parseIdentityId(getCaller(ctx).identityId, 'caller identity').issuer) {
      throw forbidden(
        'deviceJson.gatewayIdentity must be issued by the same certificate authority as the caller identity',
      );
    }
    if (await exists(ctx, deviceKey(ctx, enterpriseId, id))) {
      throw alreadyExists('device', `${enterpriseId}/${id}`);
    }
    const device: Device = { id, enterpriseId, kind, description, gatewayIdentity, registeredAt: txTimestamp(ctx) };
    await putObject(ctx, deviceKey(ctx, enterpriseId, id), device);
    return canonicalJson(device);
  }

  /** One device; readable by the enterprise's organisation or a bank with `production` consent. */
  @Transaction(false)
  @Param('enterpriseId', 'string', 'owning enterprise')
  @Param('deviceId', 'string', 'device id')
  @Returns('string')
  public async GetDevice(ctx: Context, enterpriseId: string, deviceId: string): Promise<string> {
    await requireReadAccess(ctx, parseId(enterpriseId, 'enterpriseId'), 'production');
    return canonicalJson(await getDevice(ctx, enterpriseId, parseId(deviceId, 'deviceId')));
  }

  /** A page of an enterprise's devices in id order. */
  @Transaction(false)
  @Param('enterpriseId', 'string', 'owning enterprise')
  @Param('pageSize', 'string', '1-1000, "" for 100')
  @Param('bookmark', 'string', '"" for the first page')
  @Returns('string')
  public async ListDevices(ctx: Context, enterpriseId: string, pageSize: string, bookmark: string): Promise<string> {
    const paging = parsePageArgs(pageSize, bookmark);
    await requireReadAccess(ctx, parseId(enterpriseId, 'enterpriseId'), 'production');
    const page = await readPage<Device>(ctx, DEVICE_KEY, [enterpriseId], paging);
    return canonicalJson({ ...page, records: page.records.map((e) => e.value) });
  }
}

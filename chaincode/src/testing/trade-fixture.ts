import type { Context } from 'fabric-contract-api';
import { consentKey, type ConsentScope } from '../consent/consent-grant';
import { isContractError, type ErrorCode } from '../errors';
import { putObject } from '../ledger/store';
import { productionKey } from '../production/production-record';
import { enterpriseKey, type EnterpriseRole } from '../registry/enterprise';
import { identityKey } from '../registry/identity-binding';
import { fakeIdentity, type FakeClientIdentity, type FakeOrg } from './fake-identity';
import { FakeLedger, type ValidationCode } from './fake-ledger';

/** What one simulated transaction produced. */
export interface Outcome<T> {
  readonly result: T;
  readonly events: { name: string; payload: unknown }[];
  readonly code: ValidationCode;
}

/** One enterprise of the fixture and an identity bound to it. */
export interface Member {
  readonly id: string;
  readonly role: EnterpriseRole;
  readonly org: FakeOrg;
  readonly user: FakeClientIdentity;
}

const decoder = new TextDecoder();

/**
 * A fake ledger seeded with the parties of a trade story: two SMEs of the factory org, a buyer of
 * the core org, two banks of the bank org, identities bound to each, production records of the
 * first SME, and consent grants from both SMEs to the first bank.
 */
export class TradeFixture {
  public readonly ledger = new FakeLedger('2024-03-01T08:00:00.000Z');
  public readonly sme: Member = member('sme-1', 'SME', 'factory', 'sme1-user');
  public readonly sme2: Member = member('sme-2', 'SME', 'factory', 'sme2-user');
  public readonly buyer: Member = member('core-1', 'CORE', 'core', 'buyer-user');
  public readonly bank: Member = member('bank-1', 'BANK', 'bank', 'bank1-user');
  public readonly bank2: Member = member('bank-2', 'BANK', 'bank', 'bank2-user');
  /** An identity of the core org bound to no enterprise. */
  public readonly unbound = fakeIdentity('core', 'nobody');
  /** Production record keys of `sme` (device `press-1`, hourly periods of 2024-02-01). */
  public readonly evidence = [0, 1, 2].map((h) => ({
    enterpriseId: 'sme-1',
    deviceId: 'press-1',
    periodStart: `2024-02-01T0${h}:00:00.000Z`,
  }));

  /** Writes enterprises, bindings, production records and consent grants straight to the ledger. */
  public async seed(): Promise<this> {
    const admin = fakeIdentity('factory', 'seeder');
    await this.ledger.submit(admin, async (ctx) => {
      for (const m of [this.sme, this.sme2, this.buyer, this.bank, this.bank2]) {
        const mspId = m.user.getMSPID();
        await putObject(ctx, enterpriseKey(ctx, m.id), {
          id: m.id,
          name: m.id,
          role: m.role,
          mspId,
          registeredAt: '2024-01-01T00:00:00.000Z',
          registeredBy: m.user.getID(),
        });
        await putObject(ctx, identityKey(ctx, m.user.getID()), {
          identityId: m.user.getID(),
          enterpriseId: m.id,
          mspId,
          boundAt: '2024-01-01T00:00:00.000Z',
          boundBy: m.user.getID(),
        });
      }
      for (const e of this.evidence) {
        await putObject(ctx, productionKey(ctx, e.enterpriseId, e.deviceId, e.periodStart), {
          ...e,
          unitsProduced: 100,
        });
      }
    });
    await this.grant(this.sme, this.bank, ['trade', 'receivables', 'profile']);
    await this.grant(this.sme2, this.bank, ['receivables']);
    return this;
  }

  /** Writes a consent grant from an SME to a bank, live until 2030. */
  public async grant(sme: Member, bank: Member, scopes: ConsentScope[]): Promise<void> {
    await this.ledger.submit(sme.user, async (ctx) => {
      await putObject(ctx, consentKey(ctx, sme.id, bank.id), {
        smeId: sme.id,
        bankId: bank.id,
        scopes,
        expiresAt: '2030-01-01T00:00:00.000Z',
        grantedAt: '2024-01-01T00:00:00.000Z',
      });
    });
  }

  /** Simulates and commits one transaction, returning its parsed result, its events and its validation code. */
  public async run<T = Record<string, unknown>>(
    identity: FakeClientIdentity,
    fn: (ctx: Context) => Promise<string>,
    options: Readonly<{ timestampIso?: string }> = {},
  ): Promise<Outcome<T>> {
    const tx = this.ledger.begin(identity, options);
    const text = await fn(tx.ctx);
    const code = this.ledger.commit(tx);
    return {
      result: JSON.parse(text) as T,
      events: tx.events.map((e) => ({ name: e.name, payload: JSON.parse(decoder.decode(e.payload)) as unknown })),
      code,
    };
  }

  /** Runs a transaction and returns its result; fails the test when it is refused or invalid. */
  public async ok<T = Record<string, unknown>>(
    identity: FakeClientIdentity,
    fn: (ctx: Context) => Promise<string>,
  ): Promise<T> {
    const outcome = await this.run<T>(identity, fn);
    if (outcome.code !== 'VALID') {
      throw new Error(`transaction failed validation: ${outcome.code}`);
    }
    return outcome.result;
  }

  /** Simulates a transaction that must be refused with `code` (so nothing of it is committed); returns the message. */
  public async refused(
    identity: FakeClientIdentity,
    fn: (ctx: Context) => Promise<string>,
    code: ErrorCode,
  ): Promise<string> {
    const tx = this.ledger.begin(identity);
    let error: unknown;
    try {
      await fn(tx.ctx);
    } catch (err) {
      error = err;
    }
    if (!isContractError(error, code)) {
      throw new Error(`expected ${code}, got ${error instanceof Error ? error.message : 'success'}`);
    }
    return error.message;
  }
}

function member(id: string, role: EnterpriseRole, org: FakeOrg, name: string): Member {
  return { id, role, org, user: fakeIdentity(org, name) };
}

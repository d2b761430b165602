import { ConsentContract } from '../consent/consent-contract';
import type { HistoryEntry } from '../ledger/store';
import { ProductionContract } from '../production/production-contract';
import { expectRefusal } from '../testing/expect-refusal';
import { newScenario } from '../testing/scenario';
import { HistoryContract } from './history-contract';

const history = new HistoryContract();
const consent = new ConsentContract();
const production = new ProductionContract();

describe('history', () => {
  it('returns every version of a consent grant, oldest first, with transaction ids and times', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["production"]', '2025-01-01'));
    await s.ledger.submit(s.sme, (ctx) => consent.RevokeConsent(ctx, 'bank-1'));
    const versions = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) => history.GetHistory(ctx, 'consent', '["sme-1","bank-1"]')),
    ) as HistoryEntry[];
    expect(versions).toHaveLength(2);
    expect(versions.map((v) => v.isDelete)).toEqual([false, false]);
    expect(versions[0]!.value).not.toHaveProperty('revokedAt');
    expect(versions[1]!.value).toHaveProperty('revokedAt');
    expect(versions[0]!.txId).not.toBe(versions[1]!.txId);
    expect(versions[0]!.timestamp < versions[1]!.timestamp).toBe(true);
  });

  it('addresses a production record by enterprise, device and any form of its start time, with its read rule', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    const record = {
      enterpriseId: 'sme-1',
      deviceId: 'press-1',
      periodStart: '2018-01-01T00:00:00Z',
      periodEnd: '2018-01-01T00:15:00Z',
      unitsProduced: 1,
      unitsRejected: 0,
      runSeconds: 1,
      idleSeconds: 0,
      downSeconds: 0,
      faultCount: 0,
      sampleCount: 1,
      samplesDigest: '0'.repeat(64),
    };
    const txId = await s.ledger.submit(s.gateway, async (ctx) => {
      await production.SubmitRecord(ctx, JSON.stringify(record));
      return ctx.stub.getTxID();
    });
    const get = (who = s.sme) =>
      s.ledger.evaluate(who, (ctx) =>
        history.GetHistory(ctx, 'production', '["sme-1","press-1","2018-01-01T08:00:00+08:00"]'),
      );
    const versions = JSON.parse(await get()) as HistoryEntry[];
    expect(versions).toEqual([
      {
        txId,
        timestamp: expect.stringMatching(/^2024-01-01T/) as unknown,
        isDelete: false,
        value: expect.objectContaining({ unitsProduced: 1, txId }) as unknown,
      },
    ]);
    await expectRefusal(get(s.bank), 'CONSENT_REQUIRED');
    await expectRefusal(get(s.core), 'FORBIDDEN');
  });

  it('refuses unknown record types, wrong key arity and records never written', async () => {
    const s = await newScenario();
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => history.GetHistory(ctx, 'widget', '["a"]')),
      'INVALID_ARGUMENT',
      'recordType',
    );
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => history.GetHistory(ctx, 'device', '["sme-1"]')),
      'INVALID_ARGUMENT',
      'keyPartsJson must hold 2 parts: enterpriseId, deviceId',
    );
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => history.GetHistory(ctx, 'device', '["sme-1",2]')),
      'INVALID_ARGUMENT',
      'keyPartsJson[1]',
    );
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => history.GetHistory(ctx, 'enterprise', '["nobody"]')),
      'NOT_FOUND',
    );
    const enterprise = JSON.parse(
      await s.ledger.evaluate(s.core, (ctx) => history.GetHistory(ctx, 'enterprise', '["sme-1"]')),
    ) as HistoryEntry[];
    expect(enterprise).toHaveLength(1);
    expect(enterprise[0]!.value).toMatchObject({ id: 'sme-1', role: 'SME' });
  });
});

import { chooseEvidence, MAX_EVIDENCE, type EvidenceRecord } from './delivery-evidence';

function hourly(count: number, units: (i: number) => number): EvidenceRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    enterpriseId: 'sme',
    deviceId: 'mill-1',
    periodStart: new Date(Date.UTC(2018, 0, 1, i)).toISOString(),
    periodEnd: new Date(Date.UTC(2018, 0, 1, i + 1)).toISOString(),
    unitsProduced: units(i),
  }));
}

describe('chooseEvidence', () => {
  it('takes the newest records before shipping until they hold the quantity, and never a record twice', () => {
    const records = hourly(10, () => 2);
    const used = new Set<string>();
    const first = chooseEvidence(records, '2018-01-01T08:00:00.000Z', 5, used);
    expect(first.records.map((r) => r.periodStart.slice(11, 13))).toEqual(['06', '07', '08']);
    expect([first.units, first.covers]).toEqual([6, true]);
    const second = chooseEvidence(records, '2018-01-01T08:00:00.000Z', 4, used);
    expect(second.records.map((r) => r.periodStart.slice(11, 13))).toEqual(['04', '05']);
  });

  it('skips records without parts and reports when production does not cover the quantity', () => {
    const records = hourly(6, (i) => (i % 2 === 0 ? 0 : 3));
    const e = chooseEvidence(records, '2018-01-01T23:00:00.000Z', 100, new Set());
    expect(e.records).toHaveLength(3);
    expect([e.units, e.covers]).toEqual([9, false]);
  });

  it('falls back to the latest record before shipping when none holds parts, and stops at 500 records', () => {
    expect(
      chooseEvidence(
        hourly(3, () => 0),
        '2018-01-01T01:30:00.000Z',
        1,
        new Set(),
      ).records,
    ).toHaveLength(1);
    expect(
      chooseEvidence(
        hourly(600, () => 1),
        '2018-02-01T00:00:00.000Z',
        1000,
        new Set(),
      ).records,
    ).toHaveLength(MAX_EVIDENCE);
  });
});

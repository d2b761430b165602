import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCsv, readShipmentLines, scmsDate } from './shipment-lines';

describe('shipment lines', () => {
  it('reads both date styles of the SCMS file and refuses text', () => {
    expect(scmsDate('2-Jun-06')).toBe('2006-06-02');
    expect(scmsDate('4/2/2009')).toBe('2009-04-02');
    expect(scmsDate('2/30/2009')).toBeUndefined();
    expect(scmsDate('Date Not Captured')).toBeUndefined();
  });

  it('splits quoted fields holding commas and quotes', () => {
    expect(parseCsv('a,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });

  it('takes a line whose value is quantity × pack price and refuses one that is not', () => {
    const header =
      'id,po / so #,asn/dn #,country,vendor,item description,product group,shipment mode,vendor inco term,po sent to vendor date,scheduled delivery date,delivered to client date,delivery recorded date,line item quantity,line item value,pack price';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scms-'));
    const file = path.join(dir, 'lines.csv');
    try {
      fs.writeFileSync(
        file,
        `${header}\n7,SCMS-1,ASN-1,Haiti,"Acme, Inc",Kit,HRDT,Air,EXW,4/2/2009,24-Apr-09,24-Apr-09,24-Apr-09,150,20850,139\n` +
          '8,SCMS-2,ASN-2,Haiti,Acme,Kit,HRDT,Air,EXW,4/2/2009,24-Apr-09,24-Apr-09,24-Apr-09,3,10,3.33\n',
      );
      expect(readShipmentLines(file, [7])[0]).toMatchObject({
        vendor: 'Acme, Inc',
        qty: 150,
        packPrice: 139,
        value: 20_850,
        poSent: '2009-04-02',
        delivered: '2009-04-24',
      });
      expect(() => readShipmentLines(file, [8])).toThrow(/is not the line value/);
      expect(() => readShipmentLines(file, [9])).toThrow(/no shipment line with id 9/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

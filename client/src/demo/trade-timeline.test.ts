import type { ShipmentLine } from './shipment-lines';
import { liveTimeline, replayTimeline } from './trade-timeline';

const line: ShipmentLine = {
  id: 5353,
  poNumber: 'SCMS-767',
  asnNumber: 'ASN-620',
  country: 'Guyana',
  vendor: 'Orgenics, Ltd',
  item: 'HIV 1/2, Determine HIV Kit',
  productGroup: 'HRDT',
  shipmentMode: 'Air',
  incoterm: 'FCA',
  qty: 300,
  packPrice: 71.99,
  value: 21_597,
  poSent: '2007-07-25',
  scheduled: '2007-08-09',
  delivered: '2007-08-21',
  recorded: '2007-08-21',
};

describe('trade timelines', () => {
  it('moves the PO date to day poDay of the window and keeps every interval of the line', () => {
    const t = replayTimeline(line, Date.UTC(2018, 0, 1), 3, 21);
    expect(t).toMatchObject({
      orderDate: '2018-01-04',
      deliveryDue: '2018-01-19',
      delivered: '2018-01-31',
      shippedAt: '2018-01-31T00:00:00.000Z',
      invoiceDue: '2018-02-21',
      daysLate: 12,
    });
    expect(t.shiftDays).toBe(Math.round((Date.UTC(2018, 0, 4) - Date.UTC(2007, 6, 25)) / 86_400_000));
  });

  it('delivers today in a live run, shipping now', () => {
    const now = Date.UTC(2026, 2, 5, 14, 30);
    const t = liveTimeline(line, now, 21);
    expect(t).toMatchObject({
      delivered: '2026-03-05',
      deliveryDue: '2026-02-21',
      orderDate: '2026-02-06',
      shippedAt: '2026-03-05T14:30:00.000Z',
    });
  });
});

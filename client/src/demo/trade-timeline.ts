import type { ShipmentLine } from './shipment-lines';

const DAY_MS = 86_400_000;

/** A shipment line's dates as the trade story uses them. */
export interface LineTimeline {
  readonly line: ShipmentLine;
  /** Days every date of the line was moved by. */
  readonly shiftDays: number;
  /** The PO date, the contract's `deliveryDue` (the scheduled date) and the delivered date, moved. */
  readonly orderDate: string;
  readonly deliveryDue: string;
  readonly delivered: string;
  /** When the seller ships: the start of the delivered date (the data has no dispatch date). */
  readonly shippedAt: string;
  /** Invoice due date: `paymentTermsDays` after delivery. */
  readonly invoiceDue: string;
  /** Days the delivery came after the scheduled date (negative: early). */
  readonly daysLate: number;
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function at(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function shifted(line: ShipmentLine, shiftDays: number, paymentTermsDays: number): LineTimeline {
  const move = (date: string): string => day(at(date) + shiftDays * DAY_MS);
  const delivered = move(line.delivered);
  return {
    line,
    shiftDays,
    orderDate: move(line.poSent),
    deliveryDue: move(line.scheduled),
    delivered,
    shippedAt: `${delivered}T00:00:00.000Z`,
    invoiceDue: day(at(delivered) + paymentTermsDays * DAY_MS),
    daysLate: Math.round((at(line.delivered) - at(line.scheduled)) / DAY_MS),
  };
}

/**
 * A replay's timeline: the line's dates moved by a whole number of days so that its PO date falls
 * on day `poDay` of the replayed window (day 0 is the window's first day). Intervals inside the
 * line (PO to scheduled, scheduled to delivered) stay as in the data.
 */
export function replayTimeline(
  line: ShipmentLine,
  windowStart: number,
  poDay: number,
  paymentTermsDays: number,
): LineTimeline {
  const shiftDays = Math.round((windowStart + poDay * DAY_MS - at(line.poSent)) / DAY_MS);
  return shifted(line, shiftDays, paymentTermsDays);
}

/**
 * A live run's timeline (production in real time): the line's dates moved so that its delivery is
 * today, and the goods leave now, after the production records that back them.
 */
export function liveTimeline(line: ShipmentLine, now: number, paymentTermsDays: number): LineTimeline {
  const today = at(day(now));
  const shiftDays = Math.round((today - at(line.delivered)) / DAY_MS);
  return { ...shifted(line, shiftDays, paymentTermsDays), shippedAt: new Date(now).toISOString() };
}

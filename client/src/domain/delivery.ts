import { z } from 'zod';
import { dateOrTimeSchema, identifierSchema, isoTimeSchema, MAX_QTY } from './common';
import { productionKeySchema } from './production-record';

/** A shipment against a confirmed contract, with the production records it came from. */
export const shipmentSchema = z
  .strictObject({
    id: identifierSchema,
    contractId: identifierSchema,
    qty: z.number().int().positive().max(MAX_QTY),
    shippedAt: isoTimeSchema,
    evidence: z
      .array(productionKeySchema)
      .min(1)
      .max(500)
      .meta({ description: 'The seller’s production records the goods came from (1-500).' }),
  })
  .meta({ id: 'Shipment' });
export type Shipment = z.output<typeof shipmentSchema>;

/** The buyer's receipt of a delivery. */
export const receiptSchema = z
  .strictObject({
    receivedQty: z.number().int().nonnegative().max(MAX_QTY),
    receivedAt: dateOrTimeSchema,
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.output<typeof receiptSchema>;

/** A delivery as recorded on the ledger. */
export const deliverySchema = z
  .looseObject({
    id: z.string(),
    contractId: z.string(),
    qty: z.number(),
    shippedAt: z.string(),
    status: z.enum(['SHIPPED', 'RECEIVED']),
    receivedQty: z.number().optional(),
    receivedAt: z.string().optional(),
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof deliverySchema>;

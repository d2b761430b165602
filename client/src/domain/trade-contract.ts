import { z } from 'zod';
import {
  currencySchema,
  dateOrTimeSchema,
  identifierSchema,
  MAX_QTY,
  moneySchema,
  sha256HexSchema,
  textSchema,
} from './common';

/** One line of a purchase order. */
export const contractLineSchema = z.strictObject({
  sku: textSchema(1, 64),
  qty: z.number().int().positive().max(MAX_QTY),
  unitPrice: moneySchema,
});

/** A purchase order proposed by its buyer or its seller. */
export const contractProposalSchema = z
  .strictObject({
    id: identifierSchema,
    buyerId: identifierSchema,
    sellerId: identifierSchema,
    documentHash: sha256HexSchema.meta({ description: 'sha256 of the signed purchase-order document.' }),
    lines: z
      .array(contractLineSchema)
      .min(1)
      .max(500)
      .superRefine((lines, ctx) => {
        const seen = new Set<string>();
        lines.forEach((line, i) => {
          if (seen.has(line.sku)) ctx.addIssue({ code: 'custom', message: 'repeats a sku', path: [i, 'sku'] });
          seen.add(line.sku);
        });
      }),
    currency: currencySchema,
    deliveryDue: dateOrTimeSchema,
    paymentTermsDays: z.number().int().min(0).max(3650),
  })
  .refine((c) => c.buyerId !== c.sellerId, { error: 'must differ from buyerId', path: ['sellerId'] })
  .meta({ id: 'ContractProposal' });
export type ContractProposal = z.output<typeof contractProposalSchema>;

/** A reason given when rejecting or cancelling a contract. */
export const reasonSchema = z.strictObject({ reason: textSchema(1, 500, { lines: true }) }).meta({ id: 'Reason' });

/** A purchase order as recorded on the ledger. */
export const tradeContractSchema = z
  .looseObject({
    id: z.string(),
    buyerId: z.string(),
    sellerId: z.string(),
    documentHash: z.string(),
    lines: z.array(z.looseObject({ sku: z.string(), qty: z.number(), unitPrice: z.number() })),
    currency: z.string(),
    deliveryDue: z.string(),
    paymentTermsDays: z.number(),
    status: z.enum(['PROPOSED', 'CONFIRMED', 'REJECTED', 'CANCELLED']),
    proposedBy: z.string(),
    proposedAt: z.string(),
    confirmedBy: z.string().optional(),
    confirmedAt: z.string().optional(),
  })
  .meta({ id: 'TradeContract' });
export type TradeContract = z.infer<typeof tradeContractSchema>;

/** Whether a document hash belongs to a contract confirmed by both sides. */
export const documentVerificationSchema = z
  .looseObject({
    documentHash: z.string(),
    found: z.boolean(),
    bothConfirmed: z.boolean(),
    status: z.string().optional(),
  })
  .meta({ id: 'DocumentVerification' });
export type DocumentVerification = z.infer<typeof documentVerificationSchema>;

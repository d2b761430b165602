import { z } from 'zod';
import { currencySchema, dateOrTimeSchema, identifierSchema, moneySchema, sha256HexSchema } from './common';

/** One line of a purchase order. */
export const contractLineSchema = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  qty: z.number().int().positive().max(1e12),
  unitPrice: moneySchema,
});

/** A purchase order proposed by its buyer or its seller. */
export const contractProposalSchema = z
  .strictObject({
    id: identifierSchema,
    buyerId: identifierSchema,
    sellerId: identifierSchema,
    documentHash: sha256HexSchema.meta({ description: 'sha256 of the signed purchase-order document.' }),
    lines: z.array(contractLineSchema).min(1).max(1000),
    currency: currencySchema,
    deliveryDue: dateOrTimeSchema,
    paymentTermsDays: z.number().int().min(0).max(3650),
  })
  .meta({ id: 'ContractProposal' });
export type ContractProposal = z.output<typeof contractProposalSchema>;

/** A reason given when rejecting or cancelling a contract. */
export const reasonSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) }).meta({ id: 'Reason' });

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

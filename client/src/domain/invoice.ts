import { z } from 'zod';
import { currencySchema, dateOrTimeSchema, identifierSchema, moneySchema, textSchema } from './common';

/** An invoice issued by the seller of a contract. */
export const invoiceIssueSchema = z
  .strictObject({
    id: identifierSchema,
    contractId: identifierSchema,
    amount: moneySchema,
    currency: currencySchema,
    dueDate: dateOrTimeSchema,
  })
  .meta({ id: 'InvoiceIssue' });
export type InvoiceIssue = z.output<typeof invoiceIssueSchema>;

/** A payment that settles an invoice. */
export const settlementSchema = z
  .strictObject({
    paidAt: dateOrTimeSchema,
    paymentRef: textSchema(1, 128),
  })
  .meta({ id: 'Settlement' });
export type Settlement = z.output<typeof settlementSchema>;

/** An invoice as recorded on the ledger. */
export const invoiceSchema = z
  .looseObject({
    id: z.string(),
    contractId: z.string(),
    sellerId: z.string(),
    buyerId: z.string(),
    amount: z.number(),
    currency: z.string(),
    dueDate: z.string(),
    status: z.enum(['ISSUED', 'ACKNOWLEDGED', 'FINANCED', 'SETTLED']),
    issuedAt: z.string(),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof invoiceSchema>;

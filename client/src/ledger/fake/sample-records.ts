import type { ConsentGrant } from '../../domain/consent';
import type { CreditProfile } from '../../domain/credit-profile';
import type { DailySummary } from '../../domain/daily-summary';
import type { Delivery } from '../../domain/delivery';
import type { Device } from '../../domain/device';
import type { Enterprise } from '../../domain/enterprise';
import type { Invoice } from '../../domain/invoice';
import type { ProductionKey, ProductionRecord } from '../../domain/production-record';
import type { Receivable } from '../../domain/receivable';
import type { Reconciliation } from '../../domain/reconciliation';
import type { TradeContract } from '../../domain/trade-contract';

/** Times the fake ledger stamps its records with. */
export const FAKE_TX_TIME = '2024-01-01T00:00:00.000Z';
const BY = 'x509::CN=User1@example::CN=ca.example';

/** Ledger-shaped records for the fake ledger, built from the ids a test asks for. */
export const sampleRecords = {
  enterprise: (id: string, overrides: Partial<Enterprise> = {}): Enterprise => ({
    id,
    name: `Enterprise ${id}`,
    role: 'SME',
    mspId: 'FactoryOrgMSP',
    registeredAt: FAKE_TX_TIME,
    registeredBy: BY,
    ...overrides,
  }),
  device: (enterpriseId: string, id: string, overrides: Partial<Device> = {}): Device => ({
    id,
    enterpriseId,
    kind: 'press',
    description: '',
    gatewayIdentity: 'x509::CN=agent::CN=ca',
    registeredAt: FAKE_TX_TIME,
    ...overrides,
  }),
  productionRecord: (key: ProductionKey, overrides: Partial<ProductionRecord> = {}): ProductionRecord => ({
    ...key,
    periodEnd: new Date(Date.parse(key.periodStart) + 900_000).toISOString(),
    unitsProduced: 120,
    unitsRejected: 3,
    runSeconds: 800,
    idleSeconds: 100,
    downSeconds: 0,
    faultCount: 0,
    sampleCount: 2,
    samplesDigest: '0'.repeat(64),
    recordedAt: FAKE_TX_TIME,
    txId: 'tx-production',
    ...overrides,
  }),
  dailySummary: (enterpriseId: string, deviceId: string, day: string): DailySummary => ({
    enterpriseId,
    day,
    deviceId,
    records: 96,
    periodSeconds: 86_400,
    unitsProduced: 11_520,
    unitsRejected: 288,
    runSeconds: 72_000,
    idleSeconds: 10_000,
    downSeconds: 4_400,
    faultCount: 3,
    energyWh: 0,
    sampleCount: 172_800,
    firstPeriodStart: `${day}T00:00:00.000Z`,
    lastPeriodEnd: new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString(),
  }),
  consent: (smeId: string, bankId: string, overrides: Partial<ConsentGrant> = {}): ConsentGrant => ({
    smeId,
    bankId,
    scopes: ['production', 'profile'],
    expiresAt: '2030-01-01T00:00:00.000Z',
    grantedAt: FAKE_TX_TIME,
    ...overrides,
  }),
  creditProfile: (enterpriseId: string, windowDays: string, asOf: string): CreditProfile => ({
    enterpriseId,
    windowDays: Number(windowDays),
    from: asOf,
    to: asOf,
    score: 640,
    factors: [{ name: 'operatingRate', value: 0.8, weight: 0.3, contribution: 240, basis: { records: 10 } }],
  }),
  contract: (id: string, overrides: Partial<TradeContract> = {}): TradeContract => ({
    id,
    buyerId: 'buyer-1',
    sellerId: 'sme-1',
    documentHash: 'a'.repeat(64),
    lines: [{ sku: 'BOLT-M8', qty: 1000, unitPrice: 0.25 }],
    currency: 'USD',
    deliveryDue: '2024-02-01',
    paymentTermsDays: 60,
    status: 'PROPOSED',
    proposedBy: BY,
    proposedAt: FAKE_TX_TIME,
    ...overrides,
  }),
  delivery: (id: string, overrides: Partial<Delivery> = {}): Delivery => ({
    id,
    contractId: 'po-1',
    qty: 100,
    shippedAt: FAKE_TX_TIME,
    status: 'SHIPPED',
    ...overrides,
  }),
  invoice: (id: string, overrides: Partial<Invoice> = {}): Invoice => ({
    id,
    contractId: 'po-1',
    sellerId: 'sme-1',
    buyerId: 'buyer-1',
    amount: 250,
    currency: 'USD',
    dueDate: '2024-03-01',
    status: 'ISSUED',
    issuedAt: FAKE_TX_TIME,
    ...overrides,
  }),
  receivable: (id: string, overrides: Partial<Receivable> = {}): Receivable => ({
    id,
    invoiceId: id,
    buyerId: 'buyer-1',
    holderId: 'sme-1',
    amount: 250,
    currency: 'USD',
    dueDate: '2024-03-01',
    status: 'ACKNOWLEDGED',
    ...overrides,
  }),
  reconciliation: (id: string, overrides: Partial<Reconciliation> = {}): Reconciliation => ({
    id,
    period: { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' },
    parties: ['sme-1', 'buyer-1'],
    openedBy: 'sme-1',
    openedAt: FAKE_TX_TIME,
    submitted: [],
    status: 'OPEN',
    ...overrides,
  }),
};

import { LedgerError } from '../ledger-error';
import type { Ledger } from '../ledger';
import { newFabricLedger } from './fabric-ledger';
import type { TransactionRunner } from './transaction-runner';

const encoder = new TextEncoder();

/** A runner that records every call and answers with the JSON the test gives. */
function recordingRunner(answer: (name: string) => unknown) {
  const calls: { kind: 'evaluate' | 'submit'; name: string; args: readonly string[] }[] = [];
  const runner: TransactionRunner = {
    evaluate: (name, args) => {
      calls.push({ kind: 'evaluate', name, args });
      return Promise.resolve(encoder.encode(JSON.stringify(answer(name))));
    },
    submit: (name, args) => {
      calls.push({ kind: 'submit', name, args });
      return Promise.resolve({ transactionId: 'tx-1', result: encoder.encode(JSON.stringify(answer(name))) });
    },
  };
  return { runner, calls };
}

const T = '2024-01-01T00:00:00.000Z';
const answers: Readonly<Record<string, unknown>> = {
  enterprise: { id: 'e', name: 'E', role: 'SME', mspId: 'M', registeredAt: T, registeredBy: 'x' },
  binding: { identityId: 'i', enterpriseId: 'e', mspId: 'M', boundAt: T, boundBy: 'x' },
  device: { id: 'd', enterpriseId: 'e', kind: 'k', description: '', gatewayIdentity: 'g', registeredAt: T },
  record: {
    enterpriseId: 'e',
    deviceId: 'd',
    periodStart: T,
    periodEnd: T,
    unitsProduced: 1,
    unitsRejected: 0,
    runSeconds: 1,
    idleSeconds: 0,
    downSeconds: 0,
    faultCount: 0,
    sampleCount: 1,
    samplesDigest: 'a'.repeat(64),
    recordedAt: T,
    txId: 't',
  },
  consent: { smeId: 's', bankId: 'b', scopes: ['profile'], expiresAt: T, grantedAt: T },
  contract: {
    id: 'c',
    buyerId: 'b',
    sellerId: 's',
    documentHash: 'h',
    lines: [],
    currency: 'USD',
    deliveryDue: '2024-02-01',
    paymentTermsDays: 30,
    status: 'PROPOSED',
    proposedBy: 'x',
    proposedAt: T,
  },
  delivery: { id: 'd', contractId: 'c', qty: 1, shippedAt: T, status: 'SHIPPED' },
  invoice: {
    id: 'i',
    contractId: 'c',
    sellerId: 's',
    buyerId: 'b',
    amount: 1,
    currency: 'USD',
    dueDate: '2024-02-01',
    status: 'ISSUED',
    issuedAt: T,
  },
  receivable: {
    id: 'r',
    invoiceId: 'i',
    buyerId: 'b',
    holderId: 's',
    amount: 1,
    currency: 'USD',
    dueDate: '2024-02-01',
    status: 'ACKNOWLEDGED',
  },
  reconciliation: {
    id: 'x',
    period: { from: T, to: T },
    parties: ['a', 'b'],
    openedBy: 'a',
    openedAt: T,
    submitted: [],
    status: 'OPEN',
  },
};
const page = (record: unknown) => ({ records: [record], bookmark: '', fetchedCount: 1 });

const byTransaction: Readonly<Record<string, unknown>> = {
  'registry:WhoAmI': { identityId: 'i', mspId: 'M' },
  'system:Ping': { channel: 'scf' },
  'registry:RegisterEnterprise': answers.enterprise,
  'registry:GetEnterprise': answers.enterprise,
  'registry:ListEnterprises': page(answers.enterprise),
  'registry:BindIdentity': answers.binding,
  'registry:RegisterDevice': answers.device,
  'registry:GetDevice': answers.device,
  'registry:ListDevices': page(answers.device),
  'production:SubmitRecords': {
    written: 1,
    unchanged: 0,
    keys: [{ enterpriseId: 'e', deviceId: 'd', periodStart: T }],
  },
  'production:GetRecord': answers.record,
  'production:QueryByDevice': page(answers.record),
  'production:QueryByEnterprise': page(answers.record),
  'production:GetDailySummaries': [
    {
      enterpriseId: 'e',
      day: '2024-01-01',
      deviceId: 'd',
      records: 1,
      periodSeconds: 900,
      unitsProduced: 1,
      unitsRejected: 0,
      runSeconds: 1,
      idleSeconds: 0,
      downSeconds: 0,
      faultCount: 0,
      energyWh: 0,
      sampleCount: 1,
      firstPeriodStart: T,
      lastPeriodEnd: T,
    },
  ],
  'history:GetHistory': [{ txId: 't', timestamp: T, isDelete: false, value: {} }],
  'consent:GrantConsent': answers.consent,
  'consent:RevokeConsent': answers.consent,
  'consent:GetConsent': answers.consent,
  'consent:ListConsents': [answers.consent],
  'profile:GetCreditProfile': { enterpriseId: 'e', windowDays: 90, from: T, to: T, score: 500, factors: [] },
  'trade:ProposeContract': answers.contract,
  'trade:ConfirmContract': answers.contract,
  'trade:RejectContract': answers.contract,
  'trade:CancelContract': answers.contract,
  'trade:GetContract': answers.contract,
  'trade:VerifyDocument': { documentHash: 'h', found: false, bothConfirmed: false },
  'trade:ShipDelivery': answers.delivery,
  'trade:ReceiveDelivery': answers.delivery,
  'trade:GetDelivery': answers.delivery,
  'trade:IssueInvoice': answers.invoice,
  'trade:AcknowledgeInvoice': answers.invoice,
  'trade:GetInvoice': answers.invoice,
  'trade:SettleInvoice': answers.invoice,
  'trade:GetReceivable': answers.receivable,
  'trade:ListReceivables': [answers.receivable],
  'trade:FinanceReceivable': answers.receivable,
  'trade:SplitReceivable': [answers.receivable, answers.receivable],
  'trade:TransferReceivable': answers.receivable,
  'reconciliation:OpenReconciliation': answers.reconciliation,
  'reconciliation:SubmitStatement': answers.reconciliation,
  'reconciliation:GetReconciliation': answers.reconciliation,
};

type Case = [string, 'evaluate' | 'submit', string, string[], (l: Ledger) => Promise<unknown>];

const cases: Case[] = [
  ['whoAmI', 'evaluate', 'registry:WhoAmI', [], (l) => l.whoAmI()],
  ['ping', 'evaluate', 'system:Ping', [], (l) => l.ping()],
  [
    'registerEnterprise',
    'submit',
    'registry:RegisterEnterprise',
    ['{"id":"e","name":"E","role":"SME","mspId":"M"}'],
    (l) => l.registerEnterprise({ id: 'e', name: 'E', role: 'SME', mspId: 'M' }),
  ],
  ['getEnterprise', 'evaluate', 'registry:GetEnterprise', ['e'], (l) => l.getEnterprise('e')],
  ['listEnterprises', 'evaluate', 'registry:ListEnterprises', ['', ''], (l) => l.listEnterprises({})],
  ['bindIdentity', 'submit', 'registry:BindIdentity', ['e', 'i'], (l) => l.bindIdentity('e', 'i')],
  [
    'registerDevice',
    'submit',
    'registry:RegisterDevice',
    ['{"id":"d","kind":"k","description":"","gatewayIdentity":"g","enterpriseId":"e"}'],
    (l) => l.registerDevice({ id: 'd', kind: 'k', description: '', gatewayIdentity: 'g', enterpriseId: 'e' }),
  ],
  ['getDevice', 'evaluate', 'registry:GetDevice', ['e', 'd'], (l) => l.getDevice('e', 'd')],
  [
    'listDevices',
    'evaluate',
    'registry:ListDevices',
    ['e', '10', 'b'],
    (l) => l.listDevices('e', { pageSize: 10, bookmark: 'b' }),
  ],
  ['submitRecords', 'submit', 'production:SubmitRecords', ['[]'], (l) => l.submitRecords([])],
  [
    'getRecord',
    'evaluate',
    'production:GetRecord',
    ['e', 'd', T],
    (l) => l.getRecord({ enterpriseId: 'e', deviceId: 'd', periodStart: T }),
  ],
  [
    'queryByDevice',
    'evaluate',
    'production:QueryByDevice',
    ['e', 'd', T, '2024-01-02T00:00:00.000Z', '5', ''],
    (l) => l.queryByDevice('e', 'd', { from: T, to: '2024-01-02T00:00:00.000Z' }, { pageSize: 5 }),
  ],
  [
    'queryByEnterprise',
    'evaluate',
    'production:QueryByEnterprise',
    ['e', T, '2024-01-02T00:00:00.000Z', '', 'bm'],
    (l) => l.queryByEnterprise('e', { from: T, to: '2024-01-02T00:00:00.000Z' }, { bookmark: 'bm' }),
  ],
  [
    'getDailySummaries',
    'evaluate',
    'production:GetDailySummaries',
    ['e', '2024-01-01', '2024-01-31'],
    (l) => l.getDailySummaries('e', '2024-01-01', '2024-01-31'),
  ],
  [
    'getHistory',
    'evaluate',
    'history:GetHistory',
    ['consent', '["s","b"]'],
    (l) => l.getHistory('consent', ['s', 'b']),
  ],
  [
    'grantConsent',
    'submit',
    'consent:GrantConsent',
    ['b', '["profile","trade"]', T],
    (l) => l.grantConsent('b', ['profile', 'trade'], T),
  ],
  ['revokeConsent', 'submit', 'consent:RevokeConsent', ['b'], (l) => l.revokeConsent('b')],
  ['getConsent', 'evaluate', 'consent:GetConsent', ['s', 'b'], (l) => l.getConsent('s', 'b')],
  ['listConsents', 'evaluate', 'consent:ListConsents', ['s'], (l) => l.listConsents('s')],
  [
    'getCreditProfile',
    'evaluate',
    'profile:GetCreditProfile',
    ['e', '365', '2024-06-30'],
    (l) => l.getCreditProfile('e', '365', '2024-06-30'),
  ],
  [
    'proposeContract',
    'submit',
    'trade:ProposeContract',
    [
      '{"id":"c","buyerId":"b","sellerId":"s","documentHash":"h","lines":[{"sku":"x","qty":1,"unitPrice":2}],"currency":"USD","deliveryDue":"2024-02-01","paymentTermsDays":30}',
    ],
    (l) =>
      l.proposeContract({
        id: 'c',
        buyerId: 'b',
        sellerId: 's',
        documentHash: 'h',
        lines: [{ sku: 'x', qty: 1, unitPrice: 2 }],
        currency: 'USD',
        deliveryDue: '2024-02-01',
        paymentTermsDays: 30,
      }),
  ],
  ['confirmContract', 'submit', 'trade:ConfirmContract', ['c'], (l) => l.confirmContract('c')],
  ['rejectContract', 'submit', 'trade:RejectContract', ['c', 'why'], (l) => l.rejectContract('c', 'why')],
  ['cancelContract', 'submit', 'trade:CancelContract', ['c', 'why'], (l) => l.cancelContract('c', 'why')],
  ['getContract', 'evaluate', 'trade:GetContract', ['c'], (l) => l.getContract('c')],
  ['verifyDocument', 'evaluate', 'trade:VerifyDocument', ['h'], (l) => l.verifyDocument('h')],
  [
    'shipDelivery',
    'submit',
    'trade:ShipDelivery',
    [`{"id":"d","contractId":"c","qty":3,"shippedAt":"${T}","evidence":[]}`],
    (l) => l.shipDelivery({ id: 'd', contractId: 'c', qty: 3, shippedAt: T, evidence: [] }),
  ],
  [
    'receiveDelivery',
    'submit',
    'trade:ReceiveDelivery',
    ['d', '3', '2024-01-05'],
    (l) => l.receiveDelivery('d', { receivedQty: 3, receivedAt: '2024-01-05' }),
  ],
  ['getDelivery', 'evaluate', 'trade:GetDelivery', ['d'], (l) => l.getDelivery('d')],
  [
    'issueInvoice',
    'submit',
    'trade:IssueInvoice',
    ['{"id":"i","contractId":"c","amount":9.5,"currency":"USD","dueDate":"2024-03-01"}'],
    (l) => l.issueInvoice({ id: 'i', contractId: 'c', amount: 9.5, currency: 'USD', dueDate: '2024-03-01' }),
  ],
  ['acknowledgeInvoice', 'submit', 'trade:AcknowledgeInvoice', ['i'], (l) => l.acknowledgeInvoice('i')],
  ['getInvoice', 'evaluate', 'trade:GetInvoice', ['i'], (l) => l.getInvoice('i')],
  [
    'settleInvoice',
    'submit',
    'trade:SettleInvoice',
    ['i', '2024-03-01', 'WIRE-1'],
    (l) => l.settleInvoice('i', { paidAt: '2024-03-01', paymentRef: 'WIRE-1' }),
  ],
  ['getReceivable', 'evaluate', 'trade:GetReceivable', ['r'], (l) => l.getReceivable('r')],
  ['listReceivables', 'evaluate', 'trade:ListReceivables', ['i'], (l) => l.listReceivables('i')],
  [
    'financeReceivable',
    'submit',
    'trade:FinanceReceivable',
    ['r', '{"advanceAmount":80,"ratePercent":5}'],
    (l) => l.financeReceivable('r', { advanceAmount: 80, ratePercent: 5 }),
  ],
  [
    'splitReceivable',
    'submit',
    'trade:SplitReceivable',
    ['r', '[{"id":"a","amount":1},{"id":"b","amount":2}]'],
    (l) =>
      l.splitReceivable('r', [
        { id: 'a', amount: 1 },
        { id: 'b', amount: 2 },
      ]),
  ],
  ['transferReceivable', 'submit', 'trade:TransferReceivable', ['r', 's2'], (l) => l.transferReceivable('r', 's2')],
  [
    'openReconciliation',
    'submit',
    'reconciliation:OpenReconciliation',
    ['x', `{"from":"${T}","to":"2024-02-01T00:00:00.000Z"}`, '["a","b"]'],
    (l) => l.openReconciliation({ id: 'x', period: { from: T, to: '2024-02-01T00:00:00.000Z' }, parties: ['a', 'b'] }),
  ],
  [
    'submitStatement',
    'submit',
    'reconciliation:SubmitStatement',
    ['x', '[{"ref":"d","kind":"DELIVERY","qty":3}]'],
    (l) => l.submitStatement('x', [{ ref: 'd', kind: 'DELIVERY', qty: 3 }]),
  ],
  ['getReconciliation', 'evaluate', 'reconciliation:GetReconciliation', ['x'], (l) => l.getReconciliation('x')],
];

describe('Fabric ledger facade', () => {
  it('covers every method of the Ledger interface', () => {
    const { runner } = recordingRunner(() => ({}));
    const ledger = newFabricLedger(runner);
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(ledger)).filter((n) => n !== 'constructor');
    expect(cases.map((c) => c[0]).sort()).toEqual(methods.sort());
  });

  it.each(cases)('%s calls %s %s with the documented arguments', async (_method, kind, name, args, call) => {
    const { runner, calls } = recordingRunner((n) => byTransaction[n]);
    const out = await call(newFabricLedger(runner));
    expect(calls).toEqual([{ kind, name, args }]);
    if (kind === 'submit') expect(out).toEqual({ transactionId: 'tx-1', result: byTransaction[name] });
    else expect(out).toEqual(byTransaction[name]);
  });

  it('refuses a result that does not match the interface, naming the field', async () => {
    const { runner } = recordingRunner(() => ({ id: 'c', status: 'PROPOSED' }));
    const err = await newFabricLedger(runner)
      .getContract('c')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect(err).toMatchObject({ failure: 'bad-response', stage: 'evaluate', transactionName: 'trade:GetContract' });
    expect((err as Error).message).toContain('buyerId');
  });

  it('refuses a result that is not JSON, keeping the transaction id of a submit', async () => {
    const runner: TransactionRunner = {
      evaluate: () => Promise.resolve(encoder.encode('not json')),
      submit: () => Promise.resolve({ transactionId: 'tx-7', result: encoder.encode('not json') }),
    };
    await expect(newFabricLedger(runner).confirmContract('c')).rejects.toMatchObject({
      failure: 'bad-response',
      stage: 'commit',
      transactionId: 'tx-7',
    });
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Json } from './api-client';

/** One purchase order of the story and everything that happened to it. */
export interface ContractOutcome {
  readonly lineId: number;
  readonly contractId: string;
  readonly documentFile: string;
  readonly documentHash: string;
  readonly sku: string;
  readonly qty: number;
  readonly unitPrice: number;
  readonly amount: number;
  readonly orderDate: string;
  readonly deliveryDue: string;
  readonly delivered: string;
  readonly shippedAt: string;
  readonly daysLate: number;
  readonly shiftDays: number;
  readonly deliveryId: string;
  readonly evidenceRecords: number;
  readonly evidenceUnits: number;
  readonly invoiceId: string;
  readonly invoiceDue: string;
  paymentRef?: string;
  paidAt?: string;
}

/**
 * What a run did, written to `story.json` in the demo's state folder as it goes: the ids to try
 * with the APIs, and each step's results as the ledger returned them.
 */
export interface StoryRecord {
  runTag: string;
  mode: 'replay' | 'live';
  startedAt: string;
  apis?: Readonly<Record<'factory' | 'core' | 'bank', string>>;
  enterprises?: Readonly<Record<'factory' | 'supplier' | 'buyer' | 'bank', string>>;
  gatewayIdentity?: string;
  /** The gateway agent's health and metrics endpoint. */
  agentUrl?: string;
  devices?: readonly { id: string; kind: string; status: string }[];
  window?: { start: string; end: string; days: number; continued: boolean; rows?: Json };
  production?: Json;
  contracts: ContractOutcome[];
  consent?: Json;
  profileBeforeFinancing?: Json;
  financing?: Json;
  split?: Json;
  settlement?: Json[];
  reconciliation?: Json;
  finalProfile?: Json;
  bankQuestions?: Json;
  timings: { readyMs?: number; completeMs?: number };
  complete: boolean;
}

/** Writes the record (after every step, so a failed run still shows how far it got), also under `runs/`. */
export function saveStory(file: string, runsDir: string, story: StoryRecord): void {
  const text = `${JSON.stringify(story, null, 2)}\n`;
  fs.writeFileSync(file, text);
  fs.mkdirSync(runsDir, { recursive: true });
  fs.writeFileSync(path.join(runsDir, `${story.runTag}.json`), text);
}

/** The records of earlier runs in the same state folder. */
export function earlierRuns(runsDir: string, current: string): StoryRecord[] {
  if (!fs.existsSync(runsDir)) return [];
  return fs
    .readdirSync(runsDir)
    .filter((f) => f.endsWith('.json') && f !== `${current}.json`)
    .flatMap((f) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(runsDir, f), 'utf8')) as StoryRecord];
      } catch {
        return [];
      }
    });
}

import { apiStep } from './api-step';
import { bankQuestionsStep } from './bank-questions-step';
import { finalProfileStep, reconciliationStep, settlementStep } from './closing-step';
import type { DemoSession } from './demo-session';
import { devicesStep } from './devices-step';
import { consentStep, financingStep, profileStep, splitStep } from './finance-step';
import { liveStep } from './live-step';
import { duration } from './narrator';
import { networkStep } from './network-step';
import { registrationStep } from './registration-step';
import { replayStep } from './replay-step';
import { deliveryStep, invoiceStep, purchaseOrderStep, storyTimelines } from './trade-step';

/** The whole story, step after step; each step prints what it did and what it proved. */
export async function runStory(session: DemoSession): Promise<void> {
  const { narrator } = session;
  narrator.heading(
    `sme-credit-chain demo: production, trade and credit evidence on a Fabric ledger (state in ${session.show(session.paths.root)})`,
  );
  await networkStep(session);
  const identities = await apiStep(session);
  await registrationStep(session);
  const agent = await devicesStep(session, identities);
  const window = session.story.mode === 'live' ? await liveStep(session, agent) : await replayStep(session, agent);
  const timelines = storyTimelines(session, window);
  await purchaseOrderStep(session, timelines);
  await deliveryStep(session, timelines, window, agent.producing);
  await invoiceStep(session, timelines);
  await consentStep(session);
  await profileStep(session);
  await financingStep(session);
  await splitStep(session);
  await settlementStep(session);
  await reconciliationStep(session, window);
  await finalProfileStep(session, window);
  await bankQuestionsStep(session, window);
  session.story.timings.completeMs = session.elapsed();
  session.story.complete = true;
  session.save();
  narrator.heading(
    `Story complete after ${duration(session.story.timings.completeMs)} (ready after ${duration(session.story.timings.readyMs ?? 0)}); record of this run: ${session.show(session.paths.story)}`,
  );
}

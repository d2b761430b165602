import * as fs from 'node:fs';
import type { DemoSession } from './demo-session';
import { loadNetworkInfo } from './network-info';
import { sleep } from './wait';

/**
 * Step 1: uses the network when it runs (and leaves it running), otherwise starts it with
 * `./test-network.sh up` (building Fabric the first time) and stops it again when the demo ends;
 * then deploys the chaincode (a no-op when the deployed code is current).
 */
export async function networkStep(session: DemoSession): Promise<void> {
  const { narrator, network, paths } = session;
  const step = narrator.step('Fabric network and chaincode', 'network');
  if (await network.isRunning()) {
    step.line(
      session.startedNetwork
        ? `network running (state in ${session.show(network.dir)}), started by an earlier demo that did not stop it; the demo stops it when it ends`
        : `network running (state in ${session.show(network.dir)}); the demo uses it and leaves it running`,
    );
  } else {
    const alive = network.liveProcesses();
    session.startedNetwork = alive.length === 0;
    if (session.startedNetwork) {
      fs.writeFileSync(
        paths.networkMarker,
        `${JSON.stringify({ networkDir: network.dir, startedAt: new Date().toISOString() })}\n`,
      );
    }
    step.line(
      alive.length === 0
        ? 'network not running: starting it (./test-network.sh up)'
        : `network partly running (${alive.length} processes): starting the rest (./test-network.sh up)`,
    );
    if (!(await network.hasFabric())) {
      step.line(
        "Fabric's programs are not built yet: building them first (once, a few minutes; progress below; cached for later runs)",
      );
    }
    try {
      await network.runOrThrow(['up']);
    } catch (err) {
      if (session.startedNetwork) fs.rmSync(paths.networkMarker, { force: true });
      session.startedNetwork = false;
      throw err;
    }
    step.line(
      session.startedNetwork ? 'network started; the demo stops it again when it ends' : 'network running again',
    );
  }
  session.signal.throwIfAborted();
  step.line('deploying the chaincode (./test-network.sh deploy)');
  for (let attempt = 1; ; attempt++) {
    const code = await network.run(['deploy']);
    if (code === 0) break;
    session.signal.throwIfAborted();
    if (attempt === 3) throw new Error(`./test-network.sh deploy failed ${attempt} times (exit code ${code})`);
    // Right after a restart the orderer may still be electing its Raft leader ("no Raft leader").
    step.warn(`deploy failed (exit code ${code}); trying again in 5 s (attempt ${attempt + 1} of 3)`);
    await sleep(5000, session.signal);
  }
  const net = loadNetworkInfo(network.dir);
  session.net = net;
  for (const [org, info] of Object.entries(net.orgs)) {
    step.line(`${org.padEnd(8)} ${info.mspId.padEnd(14)} peer ${info.peerEndpoint} (${info.peerHostAlias})`);
  }
  step.proved(
    `three organisations' peers and a Raft orderer run channel '${net.channel}'; chaincode '${net.chaincode}' is committed with majority endorsement`,
  );
}

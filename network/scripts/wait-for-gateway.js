#!/usr/bin/env node
// Waits until the Fabric Gateway of every peer can endorse a transaction with
// the chaincode's endorsement policy. Right after `up`, gossip needs a few
// seconds before service discovery knows the other organisations' peers; until
// then the Gateway answers "no combination of peers can be derived".
// Usage: node network/scripts/wait-for-gateway.js <network.json> [timeoutSeconds]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const { connect, signers } = require('@hyperledger/fabric-gateway');

function firstFile(dir) {
  const name = fs.readdirSync(dir).find((f) => !f.startsWith('.'));
  if (name === undefined) throw new Error(`no file in ${dir}`);
  return path.join(dir, name);
}

async function endorseOnce(net, org) {
  const info = net.orgs[org];
  const client = new grpc.Client(info.peerEndpoint, grpc.credentials.createSsl(fs.readFileSync(info.tlsCaCert)), {
    'grpc.ssl_target_name_override': info.peerHostAlias,
  });
  const gateway = connect({
    client,
    identity: { mspId: info.mspId, credentials: fs.readFileSync(firstFile(path.join(info.adminMsp, 'signcerts'))) },
    signer: signers.newPrivateKeySigner(
      crypto.createPrivateKey(fs.readFileSync(firstFile(path.join(info.adminMsp, 'keystore')))),
    ),
    endorseOptions: () => ({ deadline: Date.now() + 10_000 }),
  });
  try {
    const contract = gateway.getNetwork(net.channel).getContract(net.chaincode);
    await contract.newProposal('system:PingWrite').endorse();
  } finally {
    gateway.close();
    client.close();
  }
}

async function main() {
  const [file, timeoutArg] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: wait-for-gateway.js <network.json> [timeoutSeconds]');
  const net = JSON.parse(fs.readFileSync(file, 'utf8'));
  const deadline = Date.now() + Number(timeoutArg ?? 90) * 1000;
  for (const org of Object.keys(net.orgs)) {
    let lastError = '';
    for (;;) {
      try {
        await endorseOnce(net, org);
        break;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        if (Date.now() > deadline) {
          throw new Error(`the ${org} peer's gateway cannot endorse yet: ${lastError}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }
}

main().catch((err) => {
  process.stderr.write(`[test-network] error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

'use strict';

// Caliper workload for the sme-credit-chain write path: system:PingWrite (the ceiling),
// production:SubmitRecord (one record) and production:SubmitRecords (a batch), all through the
// Fabric Gateway. Each transaction writes a device that has no other transaction in flight
// (a device's transactions touch the same per-day and span keys), with the next periods of it.

const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const crypto = require('node:crypto');

const ORIGIN_MS = Date.parse('2022-01-01T00:00:00Z');

class ProductionRecordsWorkload extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const args = this.roundArguments;
    this.kind = args.kind;
    this.batchSize = Number(args.batchSize || 1);
    this.periodSeconds = Number(args.periodSeconds || 900);
    this.enterpriseId = args.enterpriseId;
    this.invoker = args.invoker;
    // Devices are split between workers; each round continues after the periods of earlier rounds.
    this.free = args.devices.filter((_, i) => i % totalWorkers === workerIndex);
    this.cursor = new Map(this.free.map((d) => [d, roundIndex * 1_000_000]));
  }

  record(deviceId, index) {
    const start = ORIGIN_MS + index * this.periodSeconds * 1000;
    const wave = (index * 7919) % 100;
    const downSeconds = Math.floor((this.periodSeconds * (wave % 7)) / 100);
    const idleSeconds = Math.floor((this.periodSeconds * (wave % 11)) / 100);
    const runSeconds = this.periodSeconds - downSeconds - idleSeconds;
    return {
      enterpriseId: this.enterpriseId,
      deviceId,
      periodStart: new Date(start).toISOString(),
      periodEnd: new Date(start + this.periodSeconds * 1000).toISOString(),
      unitsProduced: Math.floor(runSeconds / 60) + (wave % 5),
      unitsRejected: wave % 3,
      runSeconds,
      idleSeconds,
      downSeconds,
      faultCount: wave % 13 === 0 ? 1 : 0,
      energyWh: Math.round(runSeconds * 1.5),
      sampleCount: this.periodSeconds,
      samplesDigest: crypto.createHash('sha256').update(`${deviceId}/${start}`).digest('hex'),
    };
  }

  async submitTransaction() {
    const request = { contractId: 'scc', invokerIdentity: this.invoker, readOnly: false, contractArguments: [] };
    if (this.kind === 'ping') {
      await this.sutAdapter.sendRequests({ ...request, contractFunction: 'system:PingWrite' });
      return;
    }
    const deviceId = this.free.shift();
    if (deviceId === undefined) throw new Error('more transactions in flight than devices: raise devicesPerWorker');
    const first = this.cursor.get(deviceId);
    this.cursor.set(deviceId, first + this.batchSize);
    try {
      if (this.kind === 'single') {
        await this.sutAdapter.sendRequests({
          ...request,
          contractFunction: 'production:SubmitRecord',
          contractArguments: [JSON.stringify(this.record(deviceId, first))],
        });
      } else {
        const records = Array.from({ length: this.batchSize }, (_, i) => this.record(deviceId, first + i));
        await this.sutAdapter.sendRequests({
          ...request,
          contractFunction: 'production:SubmitRecords',
          contractArguments: [JSON.stringify(records)],
        });
      }
    } finally {
      this.free.push(deviceId);
    }
  }
}

function createWorkloadModule() {
  return new ProductionRecordsWorkload();
}

module.exports.createWorkloadModule = createWorkloadModule;

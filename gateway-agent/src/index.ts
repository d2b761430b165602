export { Agent, databasePath, type AgentOptions, type HealthReport } from './agent';
export { DeviceRecorder, type DeviceRecorderOptions } from './aggregation/device-recorder';
export { counterDelta, type CounterStep } from './aggregation/counter-delta';
export {
  PeriodAggregator,
  type AggregatorState,
  type ClosedPeriod,
  type PeriodAggregatorOptions,
} from './aggregation/period-aggregator';
export {
  agentConfigSchema,
  connectionKey,
  type AgentConfig,
  type DeviceConfig,
  type FabricConfig,
  type RegisterConfig,
} from './config/agent-config';
export { ConfigError } from './config/config-error';
export { loadAgentConfig, type LoadOptions } from './config/load-config';
export { ROLES, type Role } from './config/roles';
export { DATA_TYPES, ORDERS, TABLES, type DataType, type Order, type Table } from './decoding/data-type';
export { decodeRegisters, encodeRegisters, type RegisterLayout } from './decoding/register-codec';
export { newFabricLedger } from './ledger/fabric-ledger';
export { classifyLedgerError, CONTRACT_CODES, LedgerError, type LedgerErrorKind } from './ledger/ledger-error';
export { type ProductionLedger, type SubmitResult, type WhoAmI } from './ledger/production-ledger';
export { type ProductionRecord, type RecordKey } from './ledger/production-record';
export { ModbusDeviceSource, type PollResult, type SampleSource } from './modbus/device-source';
export { openModbusClient, type ModbusClient, type ModbusClientFactory } from './modbus/modbus-client';
export { ModbusConnection, type ModbusConnectionOptions, type ReadRequest } from './modbus/modbus-connection';
export { ModbusError, type ModbusErrorKind } from './modbus/modbus-error';
export { canonicalSample, samplesDigest } from './sampling/canonical-sample';
export { type Sample } from './sampling/sample';
export { BatchSender, type BatchSenderOptions } from './sending/batch-sender';
export { PlcSimulator, type MachineStats, type PlcSimulatorOptions } from './simulator/plc-simulator';
export { loadSimulatorConfig, type SimulatorConfig } from './simulator/simulator-config';
export { verifyPeriods, type VerifyResult, type VerifyStatus } from './verify';

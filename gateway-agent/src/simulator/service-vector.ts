import { FCallbackVal, IServiceVector } from 'modbus-serial';
import { Table } from '../decoding/data-type';
import { ModbusError } from '../modbus/modbus-error';
import { RegisterBank } from './register-bank';

/** Options for {@link serviceVector}. */
export type ServiceVectorOptions = Readonly<{
  units: ReadonlyMap<number, RegisterBank>;
  /** A muted unit never answers. */
  muted?: (unitId: number) => boolean;
  onRequest?: () => void;
}>;

function exception(code: number, message: string): Error {
  return Object.assign(new Error(message), { modbusErrorCode: code });
}

/**
 * The read handlers modbus-serial's servers (ServerTCP, ServerSerial) call, answering from register
 * banks by unit id. An unmapped address answers ILLEGAL_DATA_ADDRESS; a unit id with no bank answers
 * GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND; writes are not offered (ILLEGAL_FUNCTION).
 */
export function serviceVector(options: ServiceVectorOptions): IServiceVector {
  const answer = <T>(
    table: Table,
    address: number,
    count: number,
    unitId: number,
    reply: FCallbackVal<T>,
    pick: (v: number[]) => T,
  ): void => {
    options.onRequest?.();
    if (options.muted?.(unitId)) return;
    const bank = options.units.get(unitId);
    if (!bank) {
      reply(exception(11, `no unit ${unitId}`), undefined as T);
      return;
    }
    try {
      reply(null, pick(bank.read(table, address, count)));
    } catch (err) {
      const code = err instanceof ModbusError && err.exceptionCode !== undefined ? err.exceptionCode : 4;
      reply(exception(code, String(err)), undefined as T);
    }
  };
  const one = (v: number[]): number => v[0] ?? 0;
  const bit = (v: number[]): boolean => v[0] === 1;
  return {
    getCoil: (addr: number, unit: number, cb: FCallbackVal<boolean>) => {
      answer('coil', addr, 1, unit, cb, bit);
    },
    getDiscreteInput: (addr: number, unit: number, cb: FCallbackVal<boolean>) => {
      answer('discrete', addr, 1, unit, cb, bit);
    },
    getHoldingRegister: (addr: number, unit: number, cb: FCallbackVal<number>) => {
      answer('holding', addr, 1, unit, cb, one);
    },
    getInputRegister: (addr: number, unit: number, cb: FCallbackVal<number>) => {
      answer('input', addr, 1, unit, cb, one);
    },
    getMultipleHoldingRegisters: (addr: number, length: number, unit: number, cb: FCallbackVal<number[]>) => {
      answer('holding', addr, length, unit, cb, (v) => v);
    },
    getMultipleInputRegisters: (addr: number, length: number, unit: number, cb: FCallbackVal<number[]>) => {
      answer('input', addr, length, unit, cb, (v) => v);
    },
  };
}

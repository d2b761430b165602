import { decodeRegisters } from '../decoding/register-codec';
import { ModbusError } from '../modbus/modbus-error';
import { RegisterBank } from './register-bank';

describe('RegisterBank', () => {
  const bank = new RegisterBank([
    {
      signal: 'goodParts',
      table: 'holding',
      address: 4,
      type: 'uint32',
      byteOrder: 'big',
      wordOrder: 'little',
      scale: 1,
      offset: 0,
    },
    { signal: 'rejectedParts', table: 'holding', address: 6, type: 'uint16', scale: 1, offset: 0 },
    { signal: 'torqueNm', table: 'input', address: 5, type: 'int16', scale: 0.1, offset: 0 },
    { signal: 'runState', table: 'coil', address: 0, type: 'bool', scale: 1, offset: 0 },
    { signal: 'weekend', table: 'holding', address: 7, type: 'bool', bit: 3, scale: 1, offset: 0 },
  ]);

  it('writes signals through the register map and reads them back as words', () => {
    bank.write({ goodParts: 0x12345678, rejectedParts: 65537, torqueNm: -42.8, runState: 1, weekend: 1 });
    expect(bank.read('holding', 4, 4)).toEqual([0x5678, 0x1234, 1, 0b1000]);
    expect(decodeRegisters(bank.read('holding', 4, 2), { type: 'uint32', byteOrder: 'big', wordOrder: 'little' })).toBe(
      0x12345678,
    );
    expect(bank.read('input', 5, 1)).toEqual([0x10000 - 428]);
    expect(bank.read('coil', 0, 1)).toEqual([1]);
  });

  it('answers ILLEGAL_DATA_ADDRESS for an address outside the map', () => {
    expect(() => bank.read('holding', 3, 2)).toThrow(ModbusError);
    try {
      bank.read('input', 0, 1);
    } catch (err) {
      expect((err as ModbusError).code).toBe('ILLEGAL_DATA_ADDRESS');
    }
  });
});

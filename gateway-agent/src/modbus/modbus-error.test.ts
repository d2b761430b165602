import { ModbusError, toModbusError } from './modbus-error';

describe('toModbusError', () => {
  it('names Modbus exception codes', () => {
    const err = toModbusError(Object.assign(new Error('Modbus exception 2: Illegal data address'), { modbusCode: 2 }));
    expect(err.kind).toBe('EXCEPTION');
    expect(err.code).toBe('ILLEGAL_DATA_ADDRESS');
    expect(err.exceptionCode).toBe(2);
    expect(err.message).toBe('device answered ILLEGAL_DATA_ADDRESS (exception 2)');
    expect(toModbusError({ modbusCode: 11, message: 'x' }).code).toBe('GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND');
    expect(toModbusError({ modbusCode: 42, message: 'x' }).code).toBe('EXCEPTION_42');
  });

  it('tells timeouts, connection failures and malformed answers apart', () => {
    expect(toModbusError({ name: 'TransactionTimedOutError', message: 'Timed out', errno: 'ETIMEDOUT' }).code).toBe(
      'TIMEOUT',
    );
    const refused = toModbusError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5020'), { code: 'ECONNREFUSED' }),
    );
    expect(refused.kind).toBe('CONNECTION');
    expect(refused.message).toBe('connect ECONNREFUSED 127.0.0.1:5020');
    expect(toModbusError({ message: 'Port Not Open', errno: 'ECONNREFUSED' }).message).toBe(
      'ECONNREFUSED: Port Not Open',
    );
    expect(toModbusError(new Error('CRC error')).kind).toBe('PROTOCOL');
  });

  it('calls malformed answers PROTOCOL, in plain words', () => {
    const cases: [unknown, string][] = [
      [new Error('CRC error'), 'malformed answer: CRC check failed'],
      [new Error('Data length error, expected 9 got 7'), 'malformed answer: 7 bytes, expected 9'],
      [new Error('Unexpected data error, expected code 3 got 4'), 'malformed answer: function code 4, expected 3'],
      [new Error('Unexpected data error, expected address 1 got 5'), 'malformed answer: unit id 5, expected 1'],
      [
        Object.assign(new RangeError('The value of "offset" is out of range. It must be >= 0 and <= 7. Received 8'), {
          code: 'ERR_OUT_OF_RANGE',
        }),
        'malformed answer: its byte count does not match the data it carries',
      ],
    ];
    for (const [err, message] of cases) {
      const e = toModbusError(err);
      expect([e.kind, e.code, e.message]).toEqual(['PROTOCOL', 'PROTOCOL', message]);
    }
  });

  it('passes a ModbusError through', () => {
    const err = new ModbusError('CLOSED', 'closing');
    expect(toModbusError(err)).toBe(err);
  });
});

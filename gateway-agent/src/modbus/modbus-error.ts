/** Names of the Modbus exception codes a device can answer with. */
export const EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'ILLEGAL_FUNCTION',
  2: 'ILLEGAL_DATA_ADDRESS',
  3: 'ILLEGAL_DATA_VALUE',
  4: 'SERVER_DEVICE_FAILURE',
  5: 'ACKNOWLEDGE',
  6: 'SERVER_DEVICE_BUSY',
  7: 'NEGATIVE_ACKNOWLEDGE',
  8: 'MEMORY_PARITY_ERROR',
  10: 'GATEWAY_PATH_UNAVAILABLE',
  11: 'GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND',
};

/**
 * Why a Modbus request failed:
 * - `TIMEOUT`: no answer within the request's timeout
 * - `CONNECTION`: the port is closed, refused, reset or waiting to reconnect
 * - `EXCEPTION`: the device answered with a Modbus exception (see `exceptionName`)
 * - `PROTOCOL`: a malformed answer (bad CRC, wrong length)
 * - `CLOSED`: the agent is shutting the connection down
 */
export type ModbusErrorKind = 'TIMEOUT' | 'CONNECTION' | 'EXCEPTION' | 'PROTOCOL' | 'CLOSED';

/** A failed Modbus request. `code` is the kind, or the exception's name for `EXCEPTION`. */
export class ModbusError extends Error {
  readonly kind: ModbusErrorKind;
  readonly code: string;
  readonly exceptionCode?: number;

  constructor(
    kind: ModbusErrorKind,
    message: string,
    options: Readonly<{ exceptionCode?: number; cause?: unknown }> = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ModbusError';
    this.kind = kind;
    if (options.exceptionCode !== undefined) {
      this.exceptionCode = options.exceptionCode;
      this.code = exceptionName(options.exceptionCode);
    } else {
      this.code = kind;
    }
  }
}

/** The name of a Modbus exception code, for example `ILLEGAL_DATA_ADDRESS` for 2. */
export function exceptionName(code: number): string {
  return EXCEPTION_NAMES[code] ?? `EXCEPTION_${code}`;
}

/** Turns what modbus-serial rejects with into a {@link ModbusError}. */
export function toModbusError(err: unknown): ModbusError {
  if (err instanceof ModbusError) return err;
  const e = (err ?? {}) as { modbusCode?: unknown; errno?: unknown; code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (typeof e.modbusCode === 'number') {
    return new ModbusError('EXCEPTION', `device answered ${exceptionName(e.modbusCode)} (exception ${e.modbusCode})`, {
      exceptionCode: e.modbusCode,
      cause: err,
    });
  }
  if (e.errno === 'ETIMEDOUT' || message === 'Timed out') {
    return new ModbusError('TIMEOUT', 'no answer within the timeout', { cause: err });
  }
  if (/CRC|length/i.test(message)) return new ModbusError('PROTOCOL', message, { cause: err });
  const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : undefined;
  return new ModbusError('CONNECTION', code && !message.includes(code) ? `${code}: ${message}` : message, {
    cause: err,
  });
}
